package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.DocumentIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@link IndexLease} keeps the index it holds open across a generation switch: the writer's
 * switch waits for it (and completes once it is closed), and a reader that follows a writer's
 * switch closes the old generation only when its last lease is closed. Before leases, {@code
 * Indexer.index()} handed out an index that a switch closed under its user.
 */
class IndexLeaseTest extends WithRealEmbedder {

    private static final int OLD_CHUNK = 200;
    private static final int NEW_CHUNK = 40;
    /** Not the common pool: on two cores it has one thread. */
    private static final Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);

    @Test
    void aGenerationSwitchWaitsForAnOpenLeaseAndCompletesWhenItCloses(@TempDir Path tmp) throws Exception {
        Path docs = IndexGenerationsTest.writeDocs(tmp.resolve("docs"), 2);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        try (Indexer indexer = Indexer.open(data, embedder, NEW_CHUNK)) {
            String next = indexer.generationStatus().rebuild().generation();
            IndexLease lease = indexer.lease();
            DocumentIndex held = lease.index();
            int oldCount = held.chunkCount();
            var sync = CompletableFuture.supplyAsync(() -> indexer.sync(List.of(docs), SyncProgress.NONE), OWN_THREAD);

            // The new generation is complete and answers new readers...
            for (int i = 0; i < 1200 && !indexer.generationStatus().active().equals(next) && !sync.isDone(); i++) {
                Thread.sleep(100);
            }
            assertEquals(next, indexer.generationStatus().active(), "the build did not complete");
            // ...but the switch waits for the lease: the old generation is neither closed nor deleted.
            assertThrows(TimeoutException.class, () -> sync.get(1, TimeUnit.SECONDS), "the switch did not wait for the lease");
            assertEquals(oldCount, held.chunkCount(), "the leased index was closed under its user");
            assertTrue(Files.isRegularFile(data.resolve("catalog.db")), "the leased generation was deleted");
            try (IndexLease fresh = indexer.lease()) { // a new lease does not wait: it gets the new generation
                assertTrue(fresh.index().chunkCount() > oldCount, fresh.index().chunkCount() + " vs " + oldCount);
            }
            assertFalse(indexer.search("lantern harbour copper", null, 3).isEmpty());

            lease.close();
            SyncReport report = sync.get(60, TimeUnit.SECONDS);
            assertEquals(2, report.indexed(), report.toString());
            assertNull(indexer.generationStatus().rebuild());
            assertFalse(Files.exists(data.resolve("catalog.db")), "the old generation was not deleted after the lease closed");
            assertThrows(org.apache.lucene.store.AlreadyClosedException.class, held::chunkCount, "the old generation was not closed");
            assertThrows(IllegalStateException.class, lease::index);
        }
    }

    @Test
    void aReaderFollowingASwitchClosesTheOldGenerationWhenItsLastLeaseCloses(@TempDir Path tmp) throws Exception {
        Path docs = IndexGenerationsTest.writeDocs(tmp.resolve("docs"), 2);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        try (Indexer reader = Indexer.openReadOnly(data, embedder)) {
            IndexLease lease = reader.lease();
            DocumentIndex held = lease.index();
            int oldCount = held.chunkCount();
            try (Indexer writer = Indexer.open(data, embedder, NEW_CHUNK)) {
                writer.sync(List.of(docs), SyncProgress.NONE); // another process's switch: it cannot wait for this reader
                assertNull(writer.generationStatus().rebuild());
            }
            // The reader follows at its next search, while the lease still reads the old generation.
            assertFalse(reader.search("lantern harbour copper", null, 3).isEmpty());
            assertEquals(writer(data).active(), reader.generationStatus().active());
            assertEquals(oldCount, held.chunkCount(), "the leased index was closed when the reader followed the switch");
            try (IndexLease fresh = reader.lease()) {
                assertTrue(fresh.index().chunkCount() > oldCount);
            }
            lease.close();
            assertThrows(org.apache.lucene.store.AlreadyClosedException.class, held::chunkCount, "the last lease did not close the old generation");
        }
    }

    /** The generation the pointer names, as a status. */
    private static GenerationStatus writer(Path data) {
        return GenerationBuilder.settled(dev.docent.indexer.generation.Generations.activeForReading(data));
    }
}
