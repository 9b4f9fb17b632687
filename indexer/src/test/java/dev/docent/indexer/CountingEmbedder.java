package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real embedder, counting the passages it is asked to embed; optionally under another model name. */
final class CountingEmbedder extends ForwardingEmbedder {

    private final String name;
    private final AtomicInteger passages = new AtomicInteger();

    CountingEmbedder(Embedder real) {
        this(real, real.modelName());
    }

    CountingEmbedder(Embedder real, String name) {
        super(real);
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
    public String modelName() {
        return name;
    }
}
