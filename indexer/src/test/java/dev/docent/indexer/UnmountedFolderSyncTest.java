package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.watch.SkippedPath;
import dev.docent.testkit.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder that is a mount point with nothing mounted (an existing, empty folder on its
 * parent's filesystem) keeps its documents, as a missing folder does; a folder the user emptied
 * loses them. The drive is a real tmpfs, mounted at a folder of its own and bind-mounted at the
 * watched folder, so unmounting the watched folder keeps the drive's files for the remount.
 * Mounting needs root (CI runs as root): without it the test is skipped here and fails in CI.
 */
class UnmountedFolderSyncTest extends WithRealEmbedder {

    @Test
    void anEmptyMountPointKeepsItsDocumentsUntilTheDriveIsBack(@TempDir Path tmp) throws Exception {
        Path drive = Files.createDirectories(tmp.resolve("drive"));
        Path watched = Files.createDirectories(tmp.resolve("usb"));
        Required.tool(run("mount", "-t", "tmpfs", "-o", "size=4m", "docent-test", drive.toString()),
                "mounting a tmpfs (root with CAP_SYS_ADMIN)");
        try {
            Files.writeString(drive.resolve("boats.txt"), "Boats are painted in April.");
            Files.writeString(drive.resolve("bikes.txt"), "Bikes are serviced in May.");
            Path a = Files.createDirectories(tmp.resolve("a"));
            Files.writeString(a.resolve("apples.txt"), "Apples are picked in September.");
            mount(drive, watched);
            try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
                assertEquals(3, indexer.sync(List.of(a, watched), SyncProgress.NONE).indexed());
            }
            String boats = watched.toRealPath().resolve("boats.txt").toString();

            unmount(watched); // the folder is there, empty, on the parent's filesystem
            assertTrue(Files.isDirectory(watched));
            try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) { // the record survives a restart
                SyncReport unmounted = indexer.sync(List.of(a, watched), SyncProgress.NONE);

                assertEquals(0, unmounted.removed(), "an unmounted drive's documents were deleted");
                assertEquals(List.of("apples.txt", "bikes.txt", "boats.txt"), names(indexer));
                assertFalse(indexer.withIndex(idx -> idx.chunksOf(boats)).isEmpty(), "an unmounted drive's chunks were deleted");
                List<SkippedPath> skipped = indexer.status().skipped();
                assertEquals(1, skipped.size(), skipped.toString());
                assertEquals(watched.toRealPath().toString(), skipped.getFirst().path());
                assertTrue(skipped.getFirst().reason().contains("looks unmounted"), skipped.getFirst().reason());
                assertTrue(skipped.getFirst().reason().contains("remove the folder from the watched list"), skipped.getFirst().reason());
                assertEquals(0, indexer.sync(List.of(a, watched), SyncProgress.NONE).removed(), "a second sync forgot them");

                mount(drive, watched); // back: nothing to read again
                SyncReport back = indexer.sync(List.of(a, watched), SyncProgress.NONE);
                assertEquals(0, back.indexed());
                assertEquals(3, back.unchanged());
                assertTrue(indexer.status().skipped().isEmpty(), indexer.status().skipped().toString());

                // Emptied by the user while mounted (same filesystem): the documents leave.
                Files.delete(watched.resolve("boats.txt"));
                Files.delete(watched.resolve("bikes.txt"));
                assertEquals(2, indexer.sync(List.of(a, watched), SyncProgress.NONE).removed());
                assertEquals(List.of("apples.txt"), names(indexer));
            }
        } finally {
            run("umount", watched.toString());
            run("umount", drive.toString());
        }
    }

    @Test
    void aFolderTheUserEmptiedLosesItsDocuments(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(folder.resolve("boats.txt"), "Boats are painted in April.");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            assertEquals(1, indexer.sync(List.of(folder), SyncProgress.NONE).indexed());

            Files.delete(folder.resolve("boats.txt"));
            assertEquals(1, indexer.sync(List.of(folder), SyncProgress.NONE).removed());
            assertEquals(List.of(), names(indexer));
            assertTrue(indexer.status().skipped().isEmpty(), indexer.status().skipped().toString());
        }
    }

    @Test
    void aFolderEmptiedOnAnotherFilesystemThanRecordedKeepsItsDocuments(@TempDir Path tmp) throws Exception {
        // The same rule where mounting is impossible (macOS runners, containers): the filesystem
        // is read through the sync's seam instead of the folder's real device.
        Path folder = Files.createDirectories(tmp.resolve("usb"));
        Files.writeString(folder.resolve("boats.txt"), "Boats are painted in April.");
        String[] device = {"dev:drive"};
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            indexer.deviceProbe(p -> device[0]);
            assertEquals(1, indexer.sync(List.of(folder), SyncProgress.NONE).indexed());

            Files.delete(folder.resolve("boats.txt"));
            device[0] = "dev:parent";
            assertEquals(0, indexer.sync(List.of(folder), SyncProgress.NONE).removed());
            assertEquals(List.of("boats.txt"), names(indexer));

            device[0] = "dev:drive"; // remounted, and emptied there: forgotten
            assertEquals(1, indexer.sync(List.of(folder), SyncProgress.NONE).removed());
            assertEquals(List.of(), names(indexer));
        }
    }

    private static void mount(Path drive, Path at) throws Exception {
        assertTrue(run("mount", "--bind", drive.toString(), at.toString()), "mount --bind failed");
    }

    private static void unmount(Path at) throws Exception {
        assertTrue(run("umount", at.toString()), "umount failed");
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false; // no mount program
        }
    }

    private static List<String> names(Indexer indexer) {
        return indexer.documents().stream().map(DocumentRecord::path).map(p -> Path.of(p).getFileName().toString()).sorted().toList();
    }
}
