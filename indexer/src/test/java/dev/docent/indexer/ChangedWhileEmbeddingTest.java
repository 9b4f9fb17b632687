package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.chunk.Chunker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file deleted or rewritten while its chunks are embedded: the embedding stops at the next chunk
 * (it once went on for minutes), the sync moves on to the other files, a deleted file is not in the
 * index afterwards, a rewritten one is read again by the next sync. The hook is the embedder (a
 * boundary): the real model, with the file touched from inside its third passage.
 */
class ChangedWhileEmbeddingTest extends WithRealEmbedder {

    /** A few hundred chunks: minutes of embedding on a slow machine had nothing stopped it. */
    private static final int PARAGRAPHS = 600;
    private static final int TOUCH_AT = 3;

    @Test
    void aFileDeletedWhileItIsEmbeddedStopsWithinAChunkAndLeavesTheIndex(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path big = writeBigFile(docs.resolve("big.txt"), "Walruses");
        Files.writeString(docs.resolve("small.txt"), "Zebras cross the lower river at dusk.");
        var hook = new TouchingEmbedder(embedder, TOUCH_AT, () -> Files.delete(big));
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), hook, Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults())) {
            SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
            System.out.printf("%s; passages embedded after the delete: %d%n", report, hook.afterTouch.get());
            assertTrue(hook.afterTouch.get() <= 1, "embedded " + hook.afterTouch.get() + " passages after the file was deleted");
            assertNull(find(indexer, "big.txt"), "a deleted file stays out of the catalog");
            assertTrue(indexer.search("walruses", null, 5).isEmpty());
            assertEquals(DocumentStatus.INDEXED, find(indexer, "small.txt").status(), "the sync went on to the next file");
            assertEquals(0, indexer.status().pending());
        }
    }

    @Test
    void aFileRewrittenWhileItIsEmbeddedStopsAndIsReadAgainByTheNextSync(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path big = writeBigFile(docs.resolve("big.txt"), "Walruses");
        var hook = new TouchingEmbedder(embedder, TOUCH_AT, () -> Files.writeString(big, "Narwhals surface near the ice edge."));
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), hook, Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults())) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertTrue(hook.afterTouch.get() <= 1, "embedded " + hook.afterTouch.get() + " passages after the file changed");
            assertTrue(indexer.search("walruses", null, 5).isEmpty(),
                    "the old text's chunks were not written");
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(DocumentStatus.INDEXED, find(indexer, "big.txt").status());
            assertEquals(1, find(indexer, "big.txt").chunks());
            assertEquals(1, indexer.search("narwhals", null, 5).size());
        }
    }

    private static Path writeBigFile(Path file, String animal) throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < PARAGRAPHS; i++) {
            text.append(animal).append(" paragraph ").append(i).append(": the herd moved along the shore, counted by the")
                    .append(" keepers at dawn, noon and dusk, each count written into ledger number ").append(i * 7 + 3)
                    .append(" together with the weather, the tide and the names of the keepers on duty that day.\n\n");
        }
        return Files.writeString(file, text);
    }

    private static DocumentRecord find(Indexer indexer, String name) {
        return indexer.documents().stream().filter(d -> d.path().endsWith("/" + name)).findFirst().orElse(null);
    }

    /** Runs {@code touch} inside the {@code at}-th passage's embedding, then counts the passages after it. */
    private static final class TouchingEmbedder extends ForwardingEmbedder {
        interface Touch {
            void run() throws IOException;
        }

        private final int at;
        private final Touch touch;
        private final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger afterTouch = new AtomicInteger();

        TouchingEmbedder(Embedder real, int at, Touch touch) {
            super(real);
            this.at = at;
            this.touch = touch;
        }

        @Override
        public float[] embedPassage(String passage) {
            int n = calls.incrementAndGet();
            if (n > at && passage.contains("paragraph")) afterTouch.incrementAndGet();
            if (n == at) {
                try {
                    touch.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return real.embedPassage(passage);
        }
    }
}
