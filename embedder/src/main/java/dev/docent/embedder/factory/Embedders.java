package dev.docent.embedder.factory;

import dev.docent.embedder.Embedder;

import dev.docent.embedder.internal.ModelSpec;
import dev.docent.embedder.internal.OnnxEmbedder;
import dev.docent.embedder.internal.OnnxRuntimeSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Factory for the embedding models shipped inside Docent's own jars. */
public final class Embedders {

    /**
     * The default model: BAAI bge-small-en-v1.5, int8-quantized ONNX (33 MB), 384 dimensions.
     * Chosen by measurement (docs/benchmarks.md): on SciFact its nDCG@10 (0.709 alone, 0.726 in
     * hybrid search) is 99.5 % of the fp32 model's published score at a quarter of the size, and
     * 0.058 above all-MiniLM-L6-v2 int8 measured in the same run (which embeds ~4x faster).
     */
    public static final String DEFAULT_MODEL = "bge-small-en-v1.5-q";

    private Embedders() {}

    /**
     * Loads ONNX Runtime's native library from a copy unpacked once under {@code cacheDir}
     * instead of a fresh temporary copy per start. Call before creating the first embedder.
     */
    public static void useNativeCache(Path cacheDir) {
        try {
            OnnxRuntimeSetup.useNativeCache(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack ONNX Runtime into " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** The default model with {@code threads} intra-op threads (spinning off; see OnnxEmbedder). */
    public static Embedder defaultModel(int threads) {
        return byName(DEFAULT_MODEL, threads);
    }

    /** A shipped model by name; throws {@link IllegalArgumentException} naming the known ones. */
    public static Embedder byName(String name, int threads) {
        return byName(name, threads, 1);
    }

    /** As {@link #byName(String, int)}, embedding passages {@code batchSize} per model call. */
    public static Embedder byName(String name, int threads, int batchSize) {
        return new OnnxEmbedder(ModelSpec.byName(name), threads, batchSize);
    }
}
