package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.watch.SkippedPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the walk finds and skips, as the indexer sees it: through {@link Indexer#sync}. */
class WalkThroughSyncTest extends WithRealEmbedder {

    @Test
    void newlyIgnoredFilesLeaveTheIndexAtTheNextSyncAndComeBackWhenNoLongerIgnored(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("apples.txt"), "Apples are picked in September.");
        Files.createDirectories(docs.resolve("private"));
        Files.writeString(docs.resolve("private/salaries.txt"), "Salaries are reviewed in March.");
        Files.writeString(docs.resolve("build.log"), "Build started; build finished.");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(3, indexer.sync(List.of(docs), SyncProgress.NONE).indexed());

            Files.writeString(docs.resolve(".docentignore"), "private/\n");
            Files.writeString(docs.resolve(".gitignore"), "*.log\n");
            SyncReport after = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(2, after.removed());
            assertEquals(List.of("apples.txt"), names(indexer));
            String salaries = docs.toRealPath().resolve("private/salaries.txt").toString();
            assertTrue(indexer.withIndex(idx -> idx.chunksOf(salaries)).isEmpty(), "chunks of an ignored file are still searchable");
            String apples = docs.toRealPath().resolve("apples.txt").toString();
            assertEquals((int) indexer.withIndex(idx -> idx.chunkCount()), indexer.withIndex(idx -> idx.chunksOf(apples)).size());

            indexer.respectGitignore(false);
            Files.writeString(docs.resolve(".docentignore"), "# nothing\n");
            SyncReport back = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(2, back.indexed());
            assertEquals(List.of("apples.txt", "build.log", "salaries.txt"), names(indexer));
        }
    }

    @Test
    void aFolderGivenAsALinkIsIndexedAndSkippedPathsReachTheStatus(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(real.resolve("pears.txt"), "Pears ripen after picking.");
        Files.writeString(outside.resolve("diary.txt"), "Private diary.");
        Files.createSymbolicLink(real.resolve("diary.txt"), outside.resolve("diary.txt"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            SyncReport r = indexer.sync(List.of(link), SyncProgress.NONE);
            assertEquals(1, r.seen()); // was 0: the link was walked as a file
            assertEquals(1, r.indexed());
            IndexStatus s = indexer.status();
            assertEquals(List.of(new SkippedPath(real.toRealPath().resolve("diary.txt").toString(),
                    "symbolic link to outside the watched folders")), s.skipped());
            assertEquals(1, s.skippedCount());
            // The same folder given by its real path is the same documents, not new ones.
            SyncReport again = indexer.sync(List.of(real), SyncProgress.NONE);
            assertEquals(0, again.indexed());
            assertEquals(0, again.removed());
        }
    }

    private static List<String> names(Indexer indexer) {
        return indexer.documents().stream().map(d -> Path.of(d.path()).getFileName().toString()).sorted().toList();
    }
}
