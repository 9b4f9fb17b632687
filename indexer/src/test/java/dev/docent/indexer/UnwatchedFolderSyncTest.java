package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.watch.SkippedPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder no longer watched is forgotten (its documents leave catalog and index, through the
 * sync's delete path), while a watched folder that is missing (an unmounted drive, a renamed
 * folder) keeps its documents until it is back: re-reading a whole drive after it is mounted again
 * costs far more than showing a few stale documents meanwhile.
 */
class UnwatchedFolderSyncTest extends WithRealEmbedder {

    @Test
    void documentsOfAFolderNoLongerWatchedLeaveCatalogAndIndex(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp, "a", "apples.txt", "Apples are picked in September.");
        Path b = folder(tmp, "b", "boats.txt", "Boats are painted in April.");
        Files.writeString(b.resolve("bikes.txt"), "Bikes are serviced in May.");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(3, indexer.sync(List.of(a, b), SyncProgress.NONE).indexed());

            SyncReport onlyA = indexer.sync(List.of(a), SyncProgress.NONE);

            assertEquals(2, onlyA.removed());
            assertEquals(0, onlyA.indexed());
            assertEquals(List.of("apples.txt"), names(indexer));
            String boats = b.toRealPath().resolve("boats.txt").toString();
            assertTrue(indexer.withIndex(idx -> idx.chunksOf(boats)).isEmpty(), "chunks of a forgotten folder are still searchable");
            String apples = a.toRealPath().resolve("apples.txt").toString();
            assertEquals((int) indexer.withIndex(idx -> idx.chunkCount()), indexer.withIndex(idx -> idx.chunksOf(apples)).size());
        }
        // And it stays so across a reopen (the catalog's transaction and the Lucene commit went through).
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(List.of("apples.txt"), names(indexer));
            assertEquals(0, indexer.sync(List.of(a), SyncProgress.NONE).removed());
        }
    }

    @Test
    void aWatchedFolderThatIsMissingKeepsItsDocumentsUntilItIsBackOrNoLongerWatched(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp, "a", "apples.txt", "Apples are picked in September.");
        Path drive = folder(tmp, "drive", "boats.txt", "Boats are painted in April.");
        Path away = tmp.resolve("drive-unmounted");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(2, indexer.sync(List.of(a, drive), SyncProgress.NONE).indexed());
            String boats = drive.toRealPath().resolve("boats.txt").toString();

            Files.move(drive, away); // unmounted
            SyncReport missing = indexer.sync(List.of(a, drive), SyncProgress.NONE);

            assertEquals(0, missing.removed());
            assertEquals(List.of("apples.txt", "boats.txt"), names(indexer));
            assertFalse(indexer.withIndex(idx -> idx.chunksOf(boats)).isEmpty(), "a missing folder's chunks were deleted");
            List<SkippedPath> skipped = indexer.status().skipped();
            assertEquals(1, skipped.size(), skipped.toString());
            assertEquals(drive.toString(), skipped.getFirst().path());
            assertTrue(skipped.getFirst().reason().contains("documents indexed from it are kept"), skipped.getFirst().reason());

            Files.move(away, drive); // mounted again: nothing to read again
            SyncReport back = indexer.sync(List.of(a, drive), SyncProgress.NONE);
            assertEquals(0, back.indexed());
            assertEquals(2, back.unchanged());

            Files.move(drive, away); // missing, and now no longer watched either: forgotten
            SyncReport forgotten = indexer.sync(List.of(a), SyncProgress.NONE);
            assertEquals(1, forgotten.removed());
            assertEquals(List.of("apples.txt"), names(indexer));
        }
    }

    @Test
    void aWatchedLinkWhoseTargetIsMissingKeepsTheDocumentsOfItsTarget(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp, "a", "apples.txt", "Apples are picked in September.");
        Path drive = folder(tmp, "drive", "boats.txt", "Boats are painted in April.");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), drive);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(2, indexer.sync(List.of(a, link), SyncProgress.NONE).indexed());

            Files.move(drive, tmp.resolve("drive-unmounted")); // the link now dangles
            SyncReport missing = indexer.sync(List.of(a, link), SyncProgress.NONE);

            assertEquals(0, missing.removed());
            assertEquals(List.of("apples.txt", "boats.txt"), names(indexer));
        }
    }

    private static Path folder(Path tmp, String name, String file, String text) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(file), text);
        return dir;
    }

    private static List<String> names(Indexer indexer) {
        return indexer.documents().stream().map(DocumentRecord::path).map(p -> Path.of(p).getFileName().toString()).sorted().toList();
    }
}
