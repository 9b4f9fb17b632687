package dev.docent.indexer;

import dev.docent.retriever.DocumentIndex;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hold on the index that answers now, for reading it directly ({@link DocumentIndex#chunksOf},
 * {@link DocumentIndex#regionsOf}, {@link DocumentIndex#chunkCount()}, {@link DocumentIndex#searcher()}).
 * Without it, a generation switch could close the index under its reader. While a lease is open the
 * index stays open: a writer's switch to a new generation waits for it ({@link Indexer#sync} does
 * not return before it is closed), and a read-only indexer that follows a switch closes the old
 * generation only when its last lease is closed. Only {@link Indexer#close()} (shutdown) closes the
 * index regardless.
 *
 * <p>Take it in try-with-resources and keep it short: a switch waits for it, so a thread must not
 * call {@link Indexer#sync} while it holds one (it would wait for itself). Do not keep the {@link
 * DocumentIndex} past {@link #close()}. It may be closed on any thread; closing it twice does nothing.
 */
public final class IndexLease implements AutoCloseable {

    private final ActiveGeneration owner;
    private final ActiveGeneration.Slot slot;
    private final AtomicBoolean closed = new AtomicBoolean();

    IndexLease(ActiveGeneration owner, ActiveGeneration.Slot slot) {
        this.owner = owner;
        this.slot = slot;
    }

    /** The held generation's index. */
    public DocumentIndex index() {
        if (closed.get()) throw new IllegalStateException("this index lease is closed");
        return slot.open.index();
    }

    /** The held generation with its catalog, for the indexer's own reads. */
    OpenGeneration generation() {
        return slot.open;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) owner.release(slot);
    }
}
