package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real embedder, counting the passages it is asked to embed; optionally under another model name. */
final class CountingEmbedder implements Embedder {

    private final Embedder real;
    private final String name;
    private final AtomicInteger passages = new AtomicInteger();

    CountingEmbedder(Embedder real) {
        this(real, real.modelName());
    }

    CountingEmbedder(Embedder real, String name) {
        this.real = real;
        this.name = name;
    }

    /** Passages embedded since the last call, then starts again from zero. */
    int takeCount() {
        return passages.getAndSet(0);
    }

    @Override
    public float[] embedPassage(String passage) {
        passages.incrementAndGet();
        return real.embedPassage(passage);
    }

    @Override
    public List<float[]> embedPassages(List<String> list) {
        passages.addAndGet(list.size());
        return real.embedPassages(list);
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
        return name;
    }

    @Override
    public void close() {
        // the real one belongs to the test class
    }
}
