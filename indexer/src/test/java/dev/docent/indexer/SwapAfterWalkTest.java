package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.extract.FileAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files changed between the folder walk and the read: the sync's own "planned" callback (after
 * the walk, before any file is read) swaps them, on the real file system. None may be followed
 * out of the watched folder, and each fails with a reason that says what happened.
 */
class SwapAfterWalkTest extends WithRealEmbedder {

    @Test
    void filesSwappedAfterTheWalkAreNeitherFollowedNorIndexed(@TempDir Path tmp) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "The vault combination is thirty-one forty-one.");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(Files.createDirectories(outside.resolve("elsewhere")).resolve("notes.txt"),
                "Quarterly payroll figures for the board only.");

        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("kept.txt"), "Beehives stand behind the barn.");
        Files.writeString(docs.resolve("report.txt"), "An ordinary report.");
        Files.writeString(Files.createDirectories(docs.resolve("sub")).resolve("notes.txt"), "Ordinary notes.");
        Files.writeString(docs.resolve("gone.txt"), "Deleted before it is read.");
        Files.writeString(docs.resolve("folder.txt"), "Replaced by a folder.");
        Files.writeString(docs.resolve("pipe.txt"), "Replaced by a FIFO.");
        boolean fifo = commandExists("mkfifo");

        SyncProgress swapAfterWalk = new SyncProgress() {
            @Override
            public void planned(int seen, int toProcess) {
                try {
                    Files.delete(docs.resolve("report.txt"));
                    Files.createSymbolicLink(docs.resolve("report.txt"), secret);
                    Files.move(docs.resolve("sub"), tmp.resolve("sub-was-here"));
                    Files.createSymbolicLink(docs.resolve("sub"), outside.resolve("elsewhere"));
                    Files.delete(docs.resolve("gone.txt"));
                    Files.delete(docs.resolve("folder.txt"));
                    Files.createDirectory(docs.resolve("folder.txt"));
                    if (fifo) {
                        Files.delete(docs.resolve("pipe.txt"));
                        run("mkfifo", docs.resolve("pipe.txt").toString());
                    }
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            indexer.sync(List.of(docs), swapAfterWalk);
            Map<String, DocumentRecord> byPath = indexer.documents().stream()
                    .collect(Collectors.toMap(d -> docs.relativize(Path.of(d.path())).toString(), Function.identity()));
            byPath.values().forEach(d -> System.out.printf("  %-14s %-8s %s%n", docs.relativize(Path.of(d.path())),
                    d.status(), d.error() == null ? "" : d.error()));

            assertFailed(byPath, "report.txt", FileAccess.SYMLINK);
            assertFailed(byPath, "sub/notes.txt", FileAccess.OUTSIDE);
            assertFailed(byPath, "gone.txt", "vanished before it could be read");
            assertFailed(byPath, "folder.txt", "is a directory, not a file");
            if (fifo) assertFailed(byPath, "pipe.txt", FileAccess.SPECIAL);
            else System.out.println("mkfifo not found: the FIFO case was not run");
            assertEquals(DocumentStatus.INDEXED, byPath.get("kept.txt").status());
            assertTrue(indexer.search("vault combination", null, 5).isEmpty(), "the secret leaked");
            assertTrue(indexer.search("payroll board", null, 5).isEmpty(), "the other folder leaked");
            // These are conditions of the file system, not verdicts on content: tried again later.
            assertTrue(byPath.get("report.txt").retryAt() != null);
        }
    }

    private static void assertFailed(Map<String, DocumentRecord> byPath, String name, String reason) {
        DocumentRecord r = byPath.get(name);
        assertEquals(DocumentStatus.FAILED, r.status(), name + ": " + r);
        assertEquals(reason, r.error(), name);
    }

    private static boolean commandExists(String name) {
        return java.util.Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) throw new IOException(String.join(" ", command) + " exited with " + exit);
    }
}
