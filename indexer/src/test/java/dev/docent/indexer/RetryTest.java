package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.chunk.Chunker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that may pass (here the embedder fails: injected at that boundary, around the real
 * model) is retried at later syncs with growing waits; a failure of the content (a corrupt .docx)
 * is not retried until the file changes. Time is moved on with the indexer's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryTest {

    private Embedder model;

    @BeforeAll
    void load() {
        model = Embedders.defaultModel(2);
    }

    @AfterAll
    void unload() {
        model.close();
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndContentFailuresAreNot(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("walnuts.txt"), "Walnut trees grow along the southern wall.");
        Files.write(docs.resolve("broken.docx"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        var clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var embedder = new FailingEmbedder(model);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder, Chunker.DEFAULT_MAX_TOKENS,
                IndexingLimits.defaults(), clock)) {
            embedder.failing = true;
            SyncReport first = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(2, first.failed(), first.toString());
            DocumentRecord walnuts = record(indexer, "walnuts.txt");
            assertTrue(walnuts.error().startsWith("embedding or indexing failed"), walnuts.toString());
            assertEquals(1, walnuts.attempts());
            assertEquals(clock.instant().plus(Duration.ofMinutes(1)), walnuts.retryAt());
            DocumentRecord broken = record(indexer, "broken.docx");
            assertNull(broken.retryAt(), "a corrupt file is a verdict on its content: " + broken);

            clock.advance(Duration.ofSeconds(30)); // before the retry is due: nothing is read
            assertEquals(0, indexer.sync(List.of(docs), SyncProgress.NONE).failed());

            clock.advance(Duration.ofSeconds(31)); // due, and still failing: the wait doubles
            assertEquals(1, indexer.sync(List.of(docs), SyncProgress.NONE).failed());
            walnuts = record(indexer, "walnuts.txt");
            assertEquals(2, walnuts.attempts());
            assertEquals(clock.instant().plus(Duration.ofMinutes(2)), walnuts.retryAt());

            embedder.failing = false;
            clock.advance(Duration.ofMinutes(2));
            SyncReport recovered = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, recovered.indexed(), recovered.toString());
            assertEquals(0, recovered.failed(), "the corrupt file is not read again: " + recovered);
            walnuts = record(indexer, "walnuts.txt");
            assertEquals(DocumentStatus.INDEXED, walnuts.status());
            assertEquals(0, walnuts.attempts());
            assertNull(walnuts.retryAt());
            assertEquals(broken.error(), record(indexer, "broken.docx").error());
        }
    }

    private static DocumentRecord record(Indexer indexer, String name) {
        return indexer.documents().stream().filter(d -> d.path().endsWith(name)).findFirst().orElseThrow();
    }

    /** The real model, made to fail while {@link #failing} is set. */
    private static final class FailingEmbedder extends ForwardingEmbedder {
        volatile boolean failing;

        FailingEmbedder(Embedder real) {
            super(real);
        }

        @Override
        public float[] embedPassage(String passage) {
            if (failing) throw new IllegalStateException("ONNX Runtime session failed");
            return real.embedPassage(passage);
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
