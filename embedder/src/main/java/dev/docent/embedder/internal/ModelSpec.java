package dev.docent.embedder.internal;

import java.util.List;

/**
 * Where a shipped model's files live on the classpath and how it wants to be called.
 *
 * @param name stable model name
 * @param onnxResource classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the HuggingFace tokenizer.json
 * @param queryPrefix prepended to queries (bge: its retrieval instruction)
 * @param passagePrefix prepended to passages
 * @param dimensions output vector length
 * @param maxTokens model input limit, special tokens excluded
 * @param pooling how token vectors become one sentence vector, as the model was trained
 */
public record ModelSpec(
        String name,
        String onnxResource,
        String tokenizerResource,
        String queryPrefix,
        String passagePrefix,
        int dimensions,
        int maxTokens,
        Pooling pooling) {

    /** CLS: the first token's vector (bge); MEAN: the attention-masked average (MiniLM). */
    public enum Pooling { CLS, MEAN }

    private static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";

    /**
     * Models Docent knows. Only the default's artifact is in the build; the others are here so
     * {@code docent eval} can compare them when their langchain4j artifact is put on the classpath
     * (see docs/benchmarks.md).
     */
    static final List<ModelSpec> SHIPPED = List.of(
            new ModelSpec("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
                    BGE_QUERY, "", 384, 510, Pooling.CLS),
            new ModelSpec("bge-small-en-v1.5", "/bge-small-en-v1.5.onnx", "/bge-small-en-v1.5-tokenizer.json",
                    BGE_QUERY, "", 384, 510, Pooling.CLS),
            new ModelSpec("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
                    "", "", 384, 254, Pooling.MEAN));

    public static ModelSpec byName(String name) {
        return SHIPPED.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown embedding model '" + name
                        + "'. Known: " + SHIPPED.stream().map(ModelSpec::name).toList()));
    }
}
