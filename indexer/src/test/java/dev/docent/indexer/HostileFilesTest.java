package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.ZipBombs;
import dev.docent.indexer.hostile.HostileParsers;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of hostile files indexed by the real indexer: each ends failed with its reason within
 * the per-file limit, ordinary files beside them are indexed, and nothing stays pending. The hang,
 * stack overflow and out-of-memory come from test-only Tika parsers (a boundary: real parsers do
 * this on rare real files); the zip bombs, the NUL file and the oversized file are real files.
 */
class HostileFilesTest extends WithRealEmbedder {

    private static final int SECONDS_PER_FILE = 3;
    @Test
    void everyHostileFileFailsWithItsReasonAndTheOthersStillIndex(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("a-before.txt"), "Alpacas graze on the upper meadow in spring.");
        Files.writeString(docs.resolve("stuck" + HostileParsers.HANG), "a parser that never returns");
        Files.writeString(docs.resolve("deep" + HostileParsers.DEEP), "a parser that recurses forever");
        Files.writeString(docs.resolve("greedy" + HostileParsers.OOM), "a parser that wants all the memory");
        ZipBombs.write(docs.resolve("bomb.docx"), 200);
        ZipBombs.write(docs.resolve("bomb.xlsx"), 200);
        ZipBombs.write(docs.resolve("bomb.odt"), 100);
        ZipBombs.write(docs.resolve("cut-bomb.docx"), 200);
        ZipBombs.cutCentralDirectory(docs.resolve("cut-bomb.docx")); // once left to the parser: out of memory
        try (var f = new RandomAccessFile(docs.resolve("sparse.txt").toFile(), "rw")) {
            f.setLength(3L << 20); // 3 MB of NULs, over the 2 MB limit below
        }
        Files.write(docs.resolve("nuls.txt"), new byte[300_000]);
        byte[] noise = new byte[256 << 10];
        new java.util.Random(18).nextBytes(noise);
        Files.write(docs.resolve("noise.txt"), noise); // once 11,804 chunks of junk and minutes of embedding
        Files.writeString(docs.resolve("z-after.md"), "# Zebras\n\nZebras cross the lower river at dusk.");

        var limits = new IndexingLimits(Duration.ofSeconds(SECONDS_PER_FILE), 2L << 20);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder, Chunker.DEFAULT_MAX_TOKENS, limits)) {
            long t0 = System.nanoTime();
            SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
            System.out.printf("hostile folder: %s in %d ms%n", report, (System.nanoTime() - t0) / 1_000_000);
            Map<String, DocumentRecord> byName = indexer.documents().stream()
                    .collect(Collectors.toMap(d -> Path.of(d.path()).getFileName().toString(), Function.identity()));
            byName.values().forEach(d -> System.out.printf("  %-14s %-8s %s%n", Path.of(d.path()).getFileName(),
                    d.status(), d.error() == null ? "" : d.error()));

            assertFailed(byName, "stuck" + HostileParsers.HANG, "took longer than " + SECONDS_PER_FILE + " s to extract");
            assertFailed(byName, "deep" + HostileParsers.DEEP, "StackOverflowError");
            assertFailed(byName, "greedy" + HostileParsers.OOM, "ran out of memory");
            assertFailed(byName, "bomb.docx", "zip bomb");
            assertFailed(byName, "bomb.xlsx", "zip bomb");
            assertFailed(byName, "bomb.odt", "zip bomb");
            assertFailed(byName, "cut-bomb.docx", "zip bomb");
            assertFailed(byName, "sparse.txt", "too large: 3 MB");
            assertFailed(byName, "nuls.txt", "binary data, not text");
            assertFailed(byName, "noise.txt", "not text");
            assertEquals(DocumentStatus.INDEXED, byName.get("a-before.txt").status());
            assertEquals(DocumentStatus.INDEXED, byName.get("z-after.md").status());
            assertFalse(indexer.search("zebras river", null, 3).isEmpty());
            assertEquals(0, indexer.status().pending());
            for (DocumentRecord d : byName.values()) {
                if (d.status() == DocumentStatus.FAILED) assertEquals(null, d.retryAt(), "a verdict on the content is final: " + d);
            }

            // Failures of the content stand until the file changes: the next sync reads nothing again.
            SyncReport again = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, again.failed() + again.indexed(), again.toString());
        }
    }

    private static void assertFailed(Map<String, DocumentRecord> byName, String name, String reason) {
        DocumentRecord r = byName.get(name);
        assertEquals(DocumentStatus.FAILED, r.status(), name + ": " + r);
        assertTrue(r.error().contains(reason), name + " failed with '" + r.error() + "', expected '" + reason + "'");
    }
}
