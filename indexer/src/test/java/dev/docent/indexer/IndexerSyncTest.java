package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeping the index in step with a folder: only what changed is re-indexed, and across restarts. */
class IndexerSyncTest extends WithRealEmbedder {

    @Test
    void onlyNewChangedAndDeletedFilesCauseWork(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path data = tmp.resolve("data");
        Files.writeString(docs.resolve("a.txt"), "Alpacas graze on the upper meadow.");
        Files.writeString(docs.resolve("b.txt"), "Beehives stand behind the barn.");
        Files.writeString(docs.resolve("c.md"), "# Cider\n\nCider is pressed in October.");
        Files.createDirectories(docs.resolve(".hidden"));
        Files.writeString(docs.resolve(".hidden/secret.txt"), "not to be indexed");
        Files.writeString(docs.resolve("~$lock.docx"), "office lock file");

        try (Indexer indexer = Indexer.open(data, embedder)) {
            SyncReport first = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(3, first.seen());
            assertEquals(3, first.indexed());
            assertEquals(0, first.unchanged());

            SyncReport again = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, again.indexed());
            assertEquals(3, again.unchanged());

            Files.writeString(docs.resolve("a.txt"), "Alpacas now graze on the lower meadow by the river.");
            Files.setLastModifiedTime(docs.resolve("b.txt"), FileTime.from(Instant.now().plusSeconds(5))); // touched only
            Files.delete(docs.resolve("c.md"));
            SyncReport changed = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, changed.indexed(), changed.toString());
            assertEquals(1, changed.removed(), changed.toString());
            assertEquals(1, changed.unchanged(), changed.toString()); // b.txt: touched, but its hash is unchanged
            assertEquals(2, indexer.documents().size());
            assertTrue(indexer.search("cider pressed", null, 5).isEmpty(), "deleted file still searchable");
            assertEquals(docs.resolve("a.txt").toString(),
                    indexer.search("river meadow", null, 1).getFirst().path());
            assertTrue(indexer.search("upper", null, 5).isEmpty(), "old text of a.txt still searchable");
        }
        // A restart resumes from the catalog: nothing is re-indexed.
        try (Indexer indexer = Indexer.open(data, embedder)) {
            SyncReport afterRestart = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, afterRestart.indexed());
            assertEquals(2, afterRestart.unchanged());
            assertEquals(2, indexer.status().indexed());
        }
    }

    @Test
    void aBrokenFileFailsWithAReasonAndIsRetriedWhenFixed(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.write(docs.resolve("report.docx"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        Files.writeString(docs.resolve("fine.txt"), "Fine text about walnuts.");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            SyncReport r = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, r.failed());
            DocumentRecord broken = indexer.documents().stream().filter(d -> d.path().endsWith("report.docx")).findFirst().orElseThrow();
            assertEquals(DocumentStatus.FAILED, broken.status());
            assertTrue(broken.error() != null && !broken.error().isBlank());
            // Unchanged broken files are not retried on every sync...
            assertEquals(0, indexer.sync(List.of(docs), SyncProgress.NONE).failed());
            // ...but a fixed one is.
            Files.delete(docs.resolve("report.docx"));
            Files.writeString(docs.resolve("report.docx.txt"), "The report is now plain text about hazelnuts.");
            SyncReport fixed = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, fixed.indexed());
            assertEquals(1, fixed.removed());
            assertEquals(0, indexer.status().failed());
        }
    }

    @Test
    void docentIgnoreExcludesMatchingFilesAndFolders(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve(".docentignore"), "# comment\ndrafts/\n*.log\n");
        Files.createDirectories(docs.resolve("drafts"));
        Files.writeString(docs.resolve("drafts/wip.txt"), "work in progress");
        Files.createDirectories(docs.resolve("sub"));
        Files.writeString(docs.resolve("sub/run.log"), "log lines");
        Files.writeString(docs.resolve("sub/keep.txt"), "kept");
        var files = new dev.docent.indexer.watch.FolderWalker(null, true).walk(List.of(docs)).files();
        assertEquals(List.of(docs.resolve("sub/keep.txt")), files.stream().map(f -> f.path()).toList());
    }
}
