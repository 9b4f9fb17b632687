package dev.docent.llm.internal;

import dev.docent.llm.GgufHeader;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.ModelLoadException;
import dev.docent.llm.internal.ffi.LlamaApi;
import dev.docent.llm.internal.ffi.LlamaRuntime;
import dev.docent.llm.internal.ffi.Structs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loaded weights, vocabulary and chat template of one GGUF file. Tokenization is thread-safe in
 * llama.cpp, so these methods may be called from any thread; {@link #close()} must come after
 * every session using the model is closed.
 */
public final class LlamaModel implements AutoCloseable {

    /** Used when the GGUF carries no chat template: ChatML, which most instruct models accept. */
    static final String FALLBACK_TEMPLATE = "chatml";

    private final LlamaApi api;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment model;
    private final MemorySegment vocab;
    private final String chatTemplate;
    private final GgufHeader header;
    private final Path file;
    private final int trainedContext;

    private LlamaModel(Path file, GgufHeader header, int gpuLayers) throws Throwable {
        this.api = LlamaRuntime.get().api();
        this.file = file;
        this.header = header;
        MemorySegment params = (MemorySegment) api.modelDefaultParams.invokeExact((java.lang.foreign.SegmentAllocator) arena);
        params.set(ValueLayout.JAVA_INT, Structs.MODEL_PARAMS.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("n_gpu_layers")), gpuLayers);
        LlamaRuntime.clearRecentErrors();
        MemorySegment m = (MemorySegment) api.modelLoadFromFile.invokeExact(
                arena.allocateFrom(file.toAbsolutePath().toString()), params);
        if (m.equals(MemorySegment.NULL)) {
            arena.close();
            List<String> errors = LlamaRuntime.recentErrors();
            throw new ModelLoadException("llama.cpp could not load " + file.getFileName() + " (" + header.architecture()
                    + ")" + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
        }
        this.model = m;
        this.vocab = (MemorySegment) api.modelGetVocab.invokeExact(m);
        this.trainedContext = (int) api.modelNCtxTrain.invokeExact(m);
        MemorySegment tmpl = (MemorySegment) api.modelChatTemplate.invokeExact(m, MemorySegment.NULL);
        this.chatTemplate = tmpl.equals(MemorySegment.NULL) ? null : tmpl.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /**
     * Checks {@code file} in Java (exists, is GGUF, fits in memory), then loads it with
     * {@code gpuLayers} layers offloaded (-1: all). Every failure is a {@link ModelLoadException}
     * whose message says what is wrong.
     */
    public static LlamaModel load(Path file, int gpuLayers) {
        return load(file, gpuLayers, totalMemory());
    }

    /** As {@link #load(Path, int)} with the machine's memory given (tests pass a small one). */
    static LlamaModel load(Path file, int gpuLayers, long memory) {
        if (!Files.isRegularFile(file)) throw new ModelLoadException("model file not found: " + file);
        if (!Files.isReadable(file)) throw new ModelLoadException("model file is not readable: " + file);
        GgufHeader header;
        long size;
        try {
            header = GgufHeader.read(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        if (memory > 0 && size > memory) {
            throw new ModelLoadException(String.format("%s is %.2f GB but this machine has %.2f GB of memory; choose a"
                    + " smaller or more strongly quantized model (e.g. Q4_K_M of a 1-3B model)",
                    file.getFileName(), size / 1e9, memory / 1e9));
        }
        try {
            return new LlamaModel(file, header, gpuLayers);
        } catch (ModelLoadException | IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new ModelLoadException("loading " + file.getFileName() + " failed: " + t, t);
        }
    }

    private static long totalMemory() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    }

    MemorySegment handle() {
        return model;
    }

    MemorySegment vocabHandle() {
        return vocab;
    }

    LlamaApi api() {
        return api;
    }

    public GgufHeader header() {
        return header;
    }

    /** A name for users: GGUF general.name, else the file name. */
    public String displayName() {
        return header.name() != null ? header.name() : file.getFileName().toString();
    }

    public int trainedContext() {
        return trainedContext;
    }

    /** The GGUF's own chat template, or null when it has none. */
    public String chatTemplate() {
        return chatTemplate;
    }

    /** Tokens of {@code text}; {@code addSpecial} adds BOS where the model wants it. */
    public int[] tokenize(String text, boolean addSpecial, boolean parseSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment bytes = a.allocate(Math.max(1, utf8.length));
            MemorySegment.copy(utf8, 0, bytes, ValueLayout.JAVA_BYTE, 0, utf8.length);
            int capacity = utf8.length + 8;
            MemorySegment tokens = a.allocate(ValueLayout.JAVA_INT, capacity);
            int n = (int) api.tokenize.invokeExact(vocab, bytes, utf8.length, tokens, capacity, addSpecial, parseSpecial);
            if (n < 0) { // buffer too small: -n is the size needed
                tokens = a.allocate(ValueLayout.JAVA_INT, -n);
                n = (int) api.tokenize.invokeExact(vocab, bytes, utf8.length, tokens, -n, addSpecial, parseSpecial);
            }
            if (n < 0) throw new IllegalStateException("llama_tokenize failed (" + n + ")");
            return tokens.asSlice(0, (long) n * Integer.BYTES).toArray(ValueLayout.JAVA_INT);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Tokens of a conversation in the chat template, ready to decode: BOS where the model wants
     * it, the template's markers as control tokens, and the messages' contents as text only (a
     * document's {@code <|im_start|>} is not a control token). See {@link ChatTokens}.
     */
    public int[] tokenizeChat(List<ChatMessage> messages, boolean addAssistant) {
        return ChatTokens.tokenize(this, messages, addAssistant);
    }

    /** The bytes of one token's text (special tokens render as nothing). */
    byte[] pieceBytes(int token) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(64);
            int n = (int) api.tokenToPiece.invokeExact(vocab, token, buf, 64, 0, false);
            if (n < 0) {
                buf = a.allocate(-n);
                n = (int) api.tokenToPiece.invokeExact(vocab, token, buf, -n, 0, false);
            }
            return n <= 0 ? new byte[0] : buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** llama.cpp's attributes of {@code token}: a mask of {@code LLAMA_TOKEN_ATTR_*} ({@link ChatTokens}). */
    int tokenAttributes(int token) {
        try {
            return (int) api.vocabGetAttr.invokeExact(vocab, token);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The vocabulary's text of {@code token}: for a control token, the string it is parsed from. */
    String tokenText(int token) {
        try {
            MemorySegment text = (MemorySegment) api.vocabGetText.invokeExact(vocab, token);
            return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The BOS token that tokenizing with {@code addSpecial} puts first, or -1 when the model wants none. */
    int addedBos() {
        try {
            return (boolean) api.vocabGetAddBos.invokeExact(vocab) ? (int) api.vocabBos.invokeExact(vocab) : -1;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The EOS token that tokenizing with {@code addSpecial} puts last, or -1 (chat models want none). */
    int addedEos() {
        try {
            return (boolean) api.vocabGetAddEos.invokeExact(vocab) ? (int) api.vocabEos.invokeExact(vocab) : -1;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public boolean isEndOfGeneration(int token) {
        try {
            return (boolean) api.vocabIsEog.invokeExact(vocab, token);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public int vocabularySize() {
        try {
            return (int) api.vocabNTokens.invokeExact(vocab);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Formats a conversation with the model's chat template (ChatML if it has none, or one
     * llama.cpp does not recognise) and, with {@code addAssistant}, the opening of the assistant's turn.
     */
    public String applyChatTemplate(List<ChatMessage> messages, boolean addAssistant) {
        String formatted = chatTemplate == null ? null : applyTemplate(chatTemplate, messages, addAssistant);
        if (formatted == null) formatted = applyTemplate(FALLBACK_TEMPLATE, messages, addAssistant);
        if (formatted == null) throw new IllegalStateException("llama_chat_apply_template failed even with ChatML");
        return formatted;
    }

    /** The formatted conversation, or null when llama.cpp does not support {@code template}. */
    private String applyTemplate(String template, List<ChatMessage> messages, boolean addAssistant) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment chat = a.allocate(Structs.CHAT_MESSAGE, messages.size());
            long total = 0;
            for (int i = 0; i < messages.size(); i++) {
                MemorySegment m = chat.asSlice(i * Structs.CHAT_MESSAGE.byteSize(), Structs.CHAT_MESSAGE);
                m.set(ValueLayout.ADDRESS, 0, a.allocateFrom(messages.get(i).role()));
                m.set(ValueLayout.ADDRESS, ValueLayout.ADDRESS.byteSize(), a.allocateFrom(messages.get(i).content()));
                total += messages.get(i).content().getBytes(StandardCharsets.UTF_8).length + messages.get(i).role().length();
            }
            MemorySegment tmpl = a.allocateFrom(template);
            int capacity = (int) Math.min(Integer.MAX_VALUE, total * 2 + 1024);
            MemorySegment buf = a.allocate(capacity);
            int n = (int) api.chatApplyTemplate.invokeExact(tmpl, chat, (long) messages.size(), addAssistant, buf, capacity);
            if (n > capacity) {
                buf = a.allocate(n);
                n = (int) api.chatApplyTemplate.invokeExact(tmpl, chat, (long) messages.size(), addAssistant, buf, n);
            }
            return n < 0 ? null : new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            api.modelFree.invokeExact(model);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
