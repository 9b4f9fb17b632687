package dev.docent.indexer;

import dev.docent.testkit.Required;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.PageOcr;
import dev.docent.indexer.extract.ScannedPdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan whose OCR takes longer in all than the per-file limit, though each page is quick, is read
 * to the end (the limit counts from the last page done), and the status says which page is being
 * OCR'd while it runs. Real tesseract (skipped without it), the real indexer and embedder.
 */
class LongScanTest extends WithRealEmbedder {

    /** Enough pages that, at tesseract's ~0.35 s a page on an idle machine, the whole scan outlasts the limit. */
    private static final int PAGES = 16;
    private static final int SECONDS_PER_FILE = 3;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aScanLongerThanTheLimitIsReadToTheEndAndShowsItsPage(@TempDir Path tmp) throws Exception {
        Required.tool(PageOcr.tesseractOnPath(), "tesseract (Debian: tesseract-ocr)");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        List<String> lines = new ArrayList<>();
        for (int page = 1; page <= PAGES; page++) lines.add("Ledger entry number " + page + " was checked by the auditor");
        ScannedPdfs.write(docs.resolve("ledger.pdf"), lines);

        var limits = new IndexingLimits(Duration.ofSeconds(SECONDS_PER_FILE), 50L << 20);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder, Chunker.DEFAULT_MAX_TOKENS, limits)) {
            Set<String> shown = new ConcurrentSkipListSet<>();
            AtomicBoolean syncing = new AtomicBoolean(true);
            Thread watcher = Thread.ofVirtual().start(() -> {
                while (syncing.get()) {
                    var r = indexer.status().reading();
                    if (r != null && r.doing() != null && r.path().endsWith("ledger.pdf")) shown.add(r.doing());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            syncing.set(false);
            watcher.join();
            System.out.printf("long scan: %s in %.1f s; the status showed %s%n", report, seconds, shown);

            DocumentRecord ledger = indexer.documents().getFirst();
            assertEquals(DocumentStatus.INDEXED, ledger.status(), "failed: " + ledger.error());
            assertTrue(seconds > SECONDS_PER_FILE, "the test needs OCR to take longer than the limit in all: " + seconds + " s");
            assertTrue(shown.stream().anyMatch(s -> s.matches("OCR of page ([2-9]|1[0-6]) of " + PAGES)),
                    "the status never said which page was being OCR'd: " + shown);
        }
    }
}
