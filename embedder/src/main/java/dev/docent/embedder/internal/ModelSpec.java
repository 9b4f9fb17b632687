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
 */
public record ModelSpec(
        String name,
        String onnxResource,
        String tokenizerResource,
        String queryPrefix,
        String passagePrefix,
        int dimensions,
        int maxTokens) {

    static final List<ModelSpec> SHIPPED = List.of(new ModelSpec(
            "bge-small-en-v1.5-q",
            "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json",
            "Represent this sentence for searching relevant passages: ",
            "",
            384,
            510));

    public static ModelSpec byName(String name) {
        return SHIPPED.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown embedding model '" + name
                        + "'. Known: " + SHIPPED.stream().map(ModelSpec::name).toList()));
    }
}
