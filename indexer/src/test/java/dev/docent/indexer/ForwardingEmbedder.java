package dev.docent.indexer;

import dev.docent.embedder.Embedder;

/**
 * The real embedder behind a test's wrapper (counting, gating, failing on demand): everything is
 * passed on, so a wrapper overrides only what it changes. Closing it leaves the real one open: it
 * belongs to the test class.
 */
abstract class ForwardingEmbedder implements Embedder {

    protected final Embedder real;

    ForwardingEmbedder(Embedder real) {
        this.real = real;
    }

    @Override
    public float[] embedPassage(String passage) {
        return real.embedPassage(passage);
    }

    @Override
    public float[] embedQuery(String query) {
        return real.embedQuery(query);
    }

    @Override
    public int countTokens(String text) {
        return real.countTokens(text);
    }

    @Override
    public int maxTokens() {
        return real.maxTokens();
    }

    @Override
    public int dimensions() {
        return real.dimensions();
    }

    @Override
    public String modelName() {
        return real.modelName();
    }

    @Override
    public void close() {
        // the real embedder belongs to the test class
    }
}
