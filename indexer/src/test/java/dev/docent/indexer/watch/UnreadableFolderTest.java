package dev.docent.indexer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders that cannot be read are skipped with their reason, and the rest is walked, watched
 * and indexed. Real permissions, no injected exception: the walker, watcher and indexer run in a
 * child JVM ({@link UnreadableProbe}). Root ignores permissions, and CI runs as root, so there the
 * child is started through {@code setpriv} with every capability dropped (still uid 0, but
 * without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH a mode-000 folder is closed to it, while the
 * build's own files, owned by root, stay readable). Run as another user, the child needs nothing.
 */
class UnreadableFolderTest {

    @TempDir
    Path tmp;
    private Path root;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("watched")).toRealPath();
        Trees.files(root, "a.txt", "readable/deeper/b.txt", "locked/c.txt", "guarded/e.txt", "half/d.txt");
        Trees.write(root, "guarded/.docentignore", "nothing.txt\n");
        // lost+found-like: no access at all; an ignore file that cannot be read; listable but not searchable
        chmod(root.resolve("locked"), "---------");
        chmod(root.resolve("guarded/.docentignore"), "---------");
        chmod(root.resolve("half"), "r--r--r--");
    }

    @AfterEach
    void restore() throws IOException {
        chmod(root.resolve("locked"), "rwx------");
        chmod(root.resolve("guarded/.docentignore"), "rw-------");
        chmod(root.resolve("half"), "rwx------");
    }

    @Test
    void theWalkSkipsWhatItCannotReadWithTheReasonAndListsTheRest() throws Exception {
        List<String> out = probe("walk", root.toString());
        assertTrue(out.contains("FILE a.txt"), out.toString());
        assertTrue(out.contains("FILE readable/deeper/b.txt"), out.toString());
        assertTrue(out.contains("SKIP locked\tpermission denied"), out.toString());
        assertTrue(out.contains("SKIP guarded\tcannot read its ignore file: permission denied"), out.toString());
        assertTrue(out.contains("SKIP half/d.txt\tpermission denied"), out.toString());
        assertEquals(5, out.size(), out.toString());
    }

    @Test
    void aSyncIndexesTheRestAndReportsTheSkippedPaths() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> out = probe("sync", root.toString(), data.toString());
        assertTrue(out.contains("SEEN 2 INDEXED 2 FAILED 0"), out.toString());
        assertTrue(out.contains("SKIP locked\tpermission denied"), out.toString());
        assertEquals(4, out.size(), out.toString());
    }

    @Test
    void theWatcherKeepsRunningAndReactsToEventsBesideAnUnreadableFolder() throws Exception {
        List<String> out = probe("watch", root.toString());
        assertEquals(List.of("RUNS 2 ALIVE true"), out, "the watch thread died or missed the event");
    }

    private List<String> probe(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            Process check = new ProcessBuilder("setpriv", "--inh-caps=-all", "--bounding-set=-all", "true").start();
            Assumptions.assumeTrue(check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0,
                    "SKIPPED: running as root and setpriv cannot drop capabilities here, so no folder can be unreadable");
            cmd.addAll(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all"));
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED", UnreadableProbe.class.getName()));
        cmd.addAll(List.of(args));
        Path stderr = tmp.resolve("probe-stderr.txt");
        var builder = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        // Through the environment, not -cp: ONNX Runtime's start-up (its telemetry reads
        // /proc/self/cmdline) was seen to crash on a 10 KB command line.
        builder.environment().put("CLASSPATH", classPath);
        Process p = builder.start();
        String stdout = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), () -> "probe failed: " + stdout + readQuietly(stderr));
        return stdout.lines().filter(l -> l.startsWith("FILE ") || l.startsWith("SKIP ")
                || l.startsWith("SEEN ") || l.startsWith("RUNS ")).toList();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(tmp, "unix:uid"));
    }

    private static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
}
