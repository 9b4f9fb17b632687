package dev.docent.llm.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Layouts of the llama.h structs passed or returned by value. Fields are listed in header order;
 * {@link #struct} inserts the padding a C compiler would, and {@code StructLayoutTest} checks
 * every offset and size against the real header with a compiled C probe.
 */
public final class Structs {

    private Structs() {}

    /** size_t and pointers: 64-bit on every platform Docent ships for. */
    private static final MemoryLayout SIZE_T = JAVA_LONG;

    public static final StructLayout MODEL_PARAMS = struct("llama_model_params",
            ADDRESS.withName("devices"),
            ADDRESS.withName("tensor_buft_overrides"),
            JAVA_INT.withName("n_gpu_layers"),
            JAVA_INT.withName("split_mode"),
            JAVA_INT.withName("load_mode"),
            JAVA_INT.withName("lazy_mode"),
            JAVA_INT.withName("main_gpu"),
            ADDRESS.withName("tensor_split"),
            ADDRESS.withName("progress_callback"),
            ADDRESS.withName("progress_callback_user_data"),
            ADDRESS.withName("kv_overrides"),
            JAVA_BOOLEAN.withName("vocab_only"),
            JAVA_BOOLEAN.withName("check_tensors"),
            JAVA_BOOLEAN.withName("use_extra_bufts"),
            JAVA_BOOLEAN.withName("no_host"),
            JAVA_BOOLEAN.withName("no_alloc"),
            JAVA_BOOLEAN.withName("load_mtp"));

    public static final StructLayout CONTEXT_PARAMS = struct("llama_context_params",
            JAVA_INT.withName("n_ctx"),
            JAVA_INT.withName("n_batch"),
            JAVA_INT.withName("n_ubatch"),
            JAVA_INT.withName("n_seq_max"),
            JAVA_INT.withName("n_rs_seq"),
            JAVA_INT.withName("n_outputs_max"),
            JAVA_INT.withName("n_outputs_max_per_seq"),
            JAVA_INT.withName("n_threads"),
            JAVA_INT.withName("n_threads_batch"),
            JAVA_INT.withName("ctx_type"),
            JAVA_INT.withName("rope_scaling_type"),
            JAVA_INT.withName("pooling_type"),
            JAVA_INT.withName("attention_type"),
            JAVA_INT.withName("flash_attn_type"),
            JAVA_FLOAT.withName("rope_freq_base"),
            JAVA_FLOAT.withName("rope_freq_scale"),
            JAVA_FLOAT.withName("yarn_ext_factor"),
            JAVA_FLOAT.withName("yarn_attn_factor"),
            JAVA_FLOAT.withName("yarn_beta_fast"),
            JAVA_FLOAT.withName("yarn_beta_slow"),
            JAVA_INT.withName("yarn_orig_ctx"),
            JAVA_FLOAT.withName("defrag_thold"),
            ADDRESS.withName("cb_eval"),
            ADDRESS.withName("cb_eval_user_data"),
            JAVA_INT.withName("type_k"),
            JAVA_INT.withName("type_v"),
            ADDRESS.withName("abort_callback"),
            ADDRESS.withName("abort_callback_data"),
            JAVA_BOOLEAN.withName("embeddings"),
            JAVA_BOOLEAN.withName("offload_kqv"),
            JAVA_BOOLEAN.withName("no_perf"),
            JAVA_BOOLEAN.withName("op_offload"),
            JAVA_BOOLEAN.withName("swa_full"),
            JAVA_BOOLEAN.withName("kv_unified"),
            ADDRESS.withName("samplers"),
            SIZE_T.withName("n_samplers"),
            ADDRESS.withName("ctx_other"));

    public static final StructLayout SAMPLER_CHAIN_PARAMS = struct("llama_sampler_chain_params",
            JAVA_BOOLEAN.withName("no_perf"));

    public static final StructLayout BATCH = struct("llama_batch",
            JAVA_INT.withName("n_tokens"),
            ADDRESS.withName("token"),
            ADDRESS.withName("embd"),
            ADDRESS.withName("pos"),
            ADDRESS.withName("n_seq_id"),
            ADDRESS.withName("seq_id"),
            ADDRESS.withName("logits"));

    public static final StructLayout CHAT_MESSAGE = struct("llama_chat_message",
            ADDRESS.withName("role"),
            ADDRESS.withName("content"));

    public static final StructLayout PERF_CONTEXT_DATA = struct("llama_perf_context_data",
            JAVA_DOUBLE.withName("t_start_ms"),
            JAVA_DOUBLE.withName("t_load_ms"),
            JAVA_DOUBLE.withName("t_p_eval_ms"),
            JAVA_DOUBLE.withName("t_eval_ms"),
            JAVA_INT.withName("n_p_eval"),
            JAVA_INT.withName("n_eval"),
            JAVA_INT.withName("n_reused"));

    /** Every by-value struct, for the layout test. */
    public static final List<StructLayout> ALL = List.of(MODEL_PARAMS, CONTEXT_PARAMS, SAMPLER_CHAIN_PARAMS, BATCH,
            CHAT_MESSAGE, PERF_CONTEXT_DATA);

    /** A struct with C's natural alignment: padding before each field and at the end. */
    static StructLayout struct(String name, MemoryLayout... fields) {
        List<MemoryLayout> members = new ArrayList<>();
        long offset = 0;
        long maxAlign = 1;
        int pad = 0;
        for (MemoryLayout f : fields) {
            long align = f.byteAlignment();
            maxAlign = Math.max(maxAlign, align);
            if (offset % align != 0) {
                long gap = align - offset % align;
                members.add(MemoryLayout.paddingLayout(gap).withName("pad" + pad++));
                offset += gap;
            }
            members.add(f);
            offset += f.byteSize();
        }
        if (offset % maxAlign != 0) {
            members.add(MemoryLayout.paddingLayout(maxAlign - offset % maxAlign).withName("pad" + pad));
        }
        return MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName(name);
    }
}
