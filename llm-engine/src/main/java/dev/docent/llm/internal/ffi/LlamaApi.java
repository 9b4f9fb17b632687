package dev.docent.llm.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * One downcall handle per llama.h / ggml-backend.h function Docent uses, bound once to the
 * libraries in a directory. Handles are invoked by the owner classes in {@code llm.internal};
 * argument checks happen there, before any call.
 */
public final class LlamaApi {

    public final MethodHandle backendInit;
    public final MethodHandle loadBackendsFromPath;
    public final MethodHandle logSet;
    public final MethodHandle modelDefaultParams;
    public final MethodHandle contextDefaultParams;
    public final MethodHandle samplerChainDefaultParams;
    public final MethodHandle modelLoadFromFile;
    public final MethodHandle modelFree;
    public final MethodHandle initFromModel;
    public final MethodHandle free;
    public final MethodHandle modelGetVocab;
    public final MethodHandle modelNCtxTrain;
    public final MethodHandle modelDesc;
    public final MethodHandle modelMetaValStr;
    public final MethodHandle modelChatTemplate;
    public final MethodHandle nCtx;
    public final MethodHandle vocabNTokens;
    public final MethodHandle vocabIsEog;
    public final MethodHandle vocabGetAttr;
    public final MethodHandle vocabGetText;
    public final MethodHandle vocabBos;
    public final MethodHandle vocabEos;
    public final MethodHandle vocabGetAddBos;
    public final MethodHandle vocabGetAddEos;
    public final MethodHandle tokenize;
    public final MethodHandle tokenToPiece;
    public final MethodHandle batchGetOne;
    public final MethodHandle decode;
    public final MethodHandle getMemory;
    public final MethodHandle memoryClear;
    public final MethodHandle memorySeqRm;
    public final MethodHandle chatApplyTemplate;
    public final MethodHandle setAbortCallback;
    public final MethodHandle samplerChainInit;
    public final MethodHandle samplerChainAdd;
    public final MethodHandle samplerInitGreedy;
    public final MethodHandle samplerInitDist;
    public final MethodHandle samplerInitTemp;
    public final MethodHandle samplerInitTopK;
    public final MethodHandle samplerInitTopP;
    public final MethodHandle samplerInitMinP;
    public final MethodHandle samplerInitPenalties;
    public final MethodHandle samplerSample;
    public final MethodHandle samplerReset;
    public final MethodHandle samplerFree;
    public final MethodHandle perfContext;
    public final MethodHandle perfContextReset;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup llama;
    private final SymbolLookup ggml;

    /**
     * Binds to {@code libllama} at {@code llamaLib} and {@code libggml} at {@code ggmlLib}. The
     * libraries stay loaded for the life of the JVM (a global arena): llama.cpp keeps global state.
     */
    public LlamaApi(Path llamaLib, Path ggmlLib) {
        this.llama = SymbolLookup.libraryLookup(llamaLib, Arena.global());
        this.ggml = SymbolLookup.libraryLookup(ggmlLib, Arena.global());
        var model = Structs.MODEL_PARAMS;
        var context = Structs.CONTEXT_PARAMS;
        backendInit = fn("llama_backend_init", FunctionDescriptor.ofVoid());
        loadBackendsFromPath = fn("ggml_backend_load_all_from_path", FunctionDescriptor.ofVoid(ADDRESS));
        logSet = fn("llama_log_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        modelDefaultParams = fn("llama_model_default_params", FunctionDescriptor.of(model));
        contextDefaultParams = fn("llama_context_default_params", FunctionDescriptor.of(context));
        samplerChainDefaultParams = fn("llama_sampler_chain_default_params", FunctionDescriptor.of(Structs.SAMPLER_CHAIN_PARAMS));
        modelLoadFromFile = fn("llama_model_load_from_file", FunctionDescriptor.of(ADDRESS, ADDRESS, model));
        modelFree = fn("llama_model_free", FunctionDescriptor.ofVoid(ADDRESS));
        initFromModel = fn("llama_init_from_model", FunctionDescriptor.of(ADDRESS, ADDRESS, context));
        free = fn("llama_free", FunctionDescriptor.ofVoid(ADDRESS));
        modelGetVocab = fn("llama_model_get_vocab", FunctionDescriptor.of(ADDRESS, ADDRESS));
        modelNCtxTrain = fn("llama_model_n_ctx_train", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        modelDesc = fn("llama_model_desc", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        modelMetaValStr = fn("llama_model_meta_val_str", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        modelChatTemplate = fn("llama_model_chat_template", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        nCtx = fn("llama_n_ctx", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        vocabNTokens = fn("llama_vocab_n_tokens", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        vocabIsEog = fn("llama_vocab_is_eog", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT));
        vocabGetAttr = fn("llama_vocab_get_attr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        vocabGetText = fn("llama_vocab_get_text", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        vocabBos = fn("llama_vocab_bos", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        vocabEos = fn("llama_vocab_eos", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        vocabGetAddBos = fn("llama_vocab_get_add_bos", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
        vocabGetAddEos = fn("llama_vocab_get_add_eos", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
        tokenize = fn("llama_tokenize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_BOOLEAN, JAVA_BOOLEAN));
        tokenToPiece = fn("llama_token_to_piece", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_BOOLEAN));
        batchGetOne = fn("llama_batch_get_one", FunctionDescriptor.of(Structs.BATCH, ADDRESS, JAVA_INT));
        decode = fn("llama_decode", FunctionDescriptor.of(JAVA_INT, ADDRESS, Structs.BATCH));
        getMemory = fn("llama_get_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
        memoryClear = fn("llama_memory_clear", FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN));
        memorySeqRm = fn("llama_memory_seq_rm", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        chatApplyTemplate = fn("llama_chat_apply_template", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
                JAVA_BOOLEAN, ADDRESS, JAVA_INT));
        setAbortCallback = fn("llama_set_abort_callback", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        samplerChainInit = fn("llama_sampler_chain_init", FunctionDescriptor.of(ADDRESS, Structs.SAMPLER_CHAIN_PARAMS));
        samplerChainAdd = fn("llama_sampler_chain_add", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        samplerInitGreedy = fn("llama_sampler_init_greedy", FunctionDescriptor.of(ADDRESS));
        samplerInitDist = fn("llama_sampler_init_dist", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        samplerInitTemp = fn("llama_sampler_init_temp", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT));
        samplerInitTopK = fn("llama_sampler_init_top_k", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        samplerInitTopP = fn("llama_sampler_init_top_p", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT, JAVA_LONG));
        samplerInitMinP = fn("llama_sampler_init_min_p", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT, JAVA_LONG));
        samplerInitPenalties = fn("llama_sampler_init_penalties", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT));
        samplerSample = fn("llama_sampler_sample", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        samplerReset = fn("llama_sampler_reset", FunctionDescriptor.ofVoid(ADDRESS));
        samplerFree = fn("llama_sampler_free", FunctionDescriptor.ofVoid(ADDRESS));
        perfContext = fn("llama_perf_context", FunctionDescriptor.of(Structs.PERF_CONTEXT_DATA, ADDRESS));
        perfContextReset = fn("llama_perf_context_reset", FunctionDescriptor.ofVoid(ADDRESS));
    }

    public Linker linker() {
        return linker;
    }

    private MethodHandle fn(String name, FunctionDescriptor descriptor) {
        var symbol = llama.find(name).or(() -> ggml.find(name)).orElseThrow(() -> new IllegalStateException(
                "llama.cpp library lacks " + name + ": is it the pinned release?"));
        return linker.downcallHandle(symbol, descriptor);
    }
}
