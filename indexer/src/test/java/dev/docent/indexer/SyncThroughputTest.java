package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status of a running sync tells the truth: queued + done = planned, failures, chunks and rates. */
class SyncThroughputTest {

    @Test
    void statusMidSyncCountsQueuedDoneFailedAndRates(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(docs.resolve("note" + i + ".txt"), "Note " + i + " about the harbour ledger and copper.");
        }
        Files.writeString(docs.resolve("a-empty.pdf"), ""); // fails: empty file
        AtomicReference<IndexStatus> mid = new AtomicReference<>();
        int[] expected = new int[2];
        int[] seen = new int[2]; // failed and chunks of the files done, as the listener saw them
        try (Embedder embedder = Embedders.defaultModel(2); Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            indexer.sync(List.of(docs), new SyncProgress() {
                @Override
                public void fileDone(int done, int toProcess, DocumentRecord record) {
                    if (record.status() == DocumentStatus.FAILED) seen[0]++;
                    else seen[1] += record.chunks();
                    if (done == 8) {
                        mid.set(indexer.status());
                        expected[0] = seen[0];
                        expected[1] = seen[1];
                    }
                }
            });
            IndexStatus m = mid.get();
            assertNotNull(m.throughput(), "no throughput while a sync runs");
            SyncThroughput t = m.throughput();
            assertEquals(8, t.done());
            assertEquals(13 - 8, t.queued());
            assertEquals(expected[0], t.failed());
            assertEquals(expected[1], t.chunks());
            assertTrue(t.chunks() >= 7, "a chunk per note done: " + t);
            assertTrue(t.filesPerSecond() > 0 && t.chunksPerSecond() > 0, t.toString());
            assertTrue(t.etaSeconds() >= 0, t.toString());
            assertNull(indexer.status().throughput(), "idle: no throughput");
        }
    }
}
