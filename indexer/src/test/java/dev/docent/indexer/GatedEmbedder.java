package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real embedder whose passage embedding can be held at a gate: the test's hook to keep an index
 * build in progress for as long as it wants to look at what searches answer meanwhile.
 */
final class GatedEmbedder extends ForwardingEmbedder {

    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch reached = new CountDownLatch(1);
    private volatile int passBefore;

    /** Lets {@code passages} embeddings through, then holds every later one until {@link #release()}. */
    GatedEmbedder(Embedder real, int passages) {
        super(real);
        this.passBefore = passages;
    }

    /** Waits until a passage embedding is held at the gate. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    @Override
    public float[] embedPassage(String passage) {
        synchronized (this) {
            if (passBefore > 0) passBefore--;
            else if (released.getCount() > 0) reached.countDown();
        }
        if (reached.getCount() == 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return real.embedPassage(passage);
    }
}
