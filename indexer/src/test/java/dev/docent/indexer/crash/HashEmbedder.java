package dev.docent.indexer.crash;

import dev.docent.embedder.Embedder;
import java.nio.charset.StandardCharsets;

/**
 * A deterministic stand-in for the embedding model (hashed words into 16 dimensions). The crash
 * test is about what the catalog and Lucene hold after kill -9, not about vectors; the real model
 * would cost ~5 s of loading per restart and its own cores, so the child uses this one.
 */
public class HashEmbedder implements Embedder {

    private static final int DIMENSIONS = 16;

    @Override
    public float[] embedPassage(String passage) {
        float[] v = new float[DIMENSIONS];
        for (String w : passage.split("\\s+")) {
            if (w.isEmpty()) continue;
            int h = java.util.Arrays.hashCode(w.getBytes(StandardCharsets.UTF_8));
            v[Math.floorMod(h, DIMENSIONS)] += 1;
        }
        double norm = 0;
        for (float x : v) norm += x * x;
        if (norm == 0) v[0] = 1;
        else for (int i = 0; i < DIMENSIONS; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }

    @Override
    public float[] embedQuery(String query) {
        return embedPassage(query);
    }

    @Override
    public int countTokens(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    @Override
    public int maxTokens() {
        return 512;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelName() {
        return "crash-test-hash";
    }

    @Override
    public void close() {}
}
