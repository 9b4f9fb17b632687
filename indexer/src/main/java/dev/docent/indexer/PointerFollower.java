package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only indexer's way of following a writer (serve, index) in another process: before each
 * read it re-reads the pointer, and when the writer has switched to another generation it opens
 * that one and makes it answer, so a long-running reader (mcp) follows a rebuild. The generation it
 * leaves is closed when its last {@link IndexLease} is (never under a running search).
 *
 * <p>Locking: this object's monitor, held while the pointer is read and the new generation opened,
 * so two searches that both see a switch open it once. It never waits for a lease: the thread
 * following may hold one itself.
 */
final class PointerFollower {

    /** Logs under the facade's name, so the log reads as it did before the indexer was split. */
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);

    private final Path dataDir;
    private final Embedder embedder;
    private final ActiveGeneration active;
    private final IndexStorage storage;

    PointerFollower(Path dataDir, Embedder embedder, ActiveGeneration active, IndexStorage storage) {
        this.dataDir = dataDir;
        this.embedder = embedder;
        this.active = active;
        this.storage = storage;
    }

    /** Moves to the generation the pointer names, if a writer switched since the last look. */
    synchronized void follow() {
        IndexGeneration now;
        try {
            now = Generations.activeForReading(dataDir);
        } catch (RuntimeException e) {
            return; // a damaged or missing pointer: keep what is open rather than fail the search
        }
        if (now.name().equals(active.current().generation().name())) return;
        active.replaceWhenReleased(OpenGeneration.openReadOnly(dataDir, now, embedder, storage));
        log.info("Following the writer to index generation {}", now.id());
    }
}
