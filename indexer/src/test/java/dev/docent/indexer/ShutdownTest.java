package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.hostile.HostileParsers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real child JVM whose indexer is stuck in an extraction that never returns: the
 * process must exit within seconds, keep what was committed, and leave the data directory free
 * for the next start (before the fix, close() waited for the sync forever and a restart found
 * the directory locked).
 */
class ShutdownTest {

    @Test
    void sigtermDuringAStuckExtractionExitsWithinSecondsAndFreesTheDataDirectory(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path data = tmp.resolve("data");
        Files.writeString(docs.resolve("a.txt"), "Alpacas graze on the upper meadow above the cider press.");

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        // -Xss4m: loading the embedding model needs 2-3 MB of native stack; on a default 1 MB main
        // thread the child dies of SIGSEGV before it starts (seen with `java -cp … Main`).
        command.addAll(List.of("-Xmx512m", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                ShutdownChild.class.getName(), data.toString(), docs.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        var lines = new LinkedBlockingQueue<String>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (java.io.IOException ignored) {
                // the child has gone
            }
        });
        try (Embedder embedder = Embedders.defaultModel(1)) {
            List<String> seen = new ArrayList<>();
            awaitLine(lines, HostileParsers.HANG_STARTED, seen);
            assertTrue(seen.contains(ShutdownChild.FIRST_SYNC_DONE), seen.toString());
            // While the child runs, it holds the data directory: this test can see the lock.
            assertThrows(RuntimeException.class, () -> Indexer.open(data, embedder).close());

            long t0 = System.nanoTime();
            child.destroy(); // SIGTERM
            boolean exited = child.waitFor(20, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (!exited) child.destroyForcibly();
            System.out.printf("SIGTERM to exit: %d ms (child output: %s)%n", millis, String.join(" | ", drain(lines, seen)));
            assertTrue(exited, "still running 20 s after SIGTERM");
            assertTrue(millis < 5_000, "took " + millis + " ms to exit after SIGTERM");

            try (Indexer again = Indexer.open(data, embedder)) {
                var byName = again.documents().stream()
                        .collect(java.util.stream.Collectors.toMap(d -> Path.of(d.path()).getFileName().toString(), d -> d));
                assertEquals(DocumentStatus.INDEXED, byName.get("a.txt").status());
                assertEquals(DocumentStatus.PENDING, byName.get("stuck" + HostileParsers.HANG).status(), "the stuck file is left for the next start");
                assertFalse(again.search("alpacas meadow", null, 3).isEmpty());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static void awaitLine(LinkedBlockingQueue<String> lines, String wanted, List<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(500, TimeUnit.MILLISECONDS);
            if (l == null) continue;
            seen.add(l);
            if (l.contains(wanted)) return;
        }
        throw new AssertionError("child never printed " + wanted + "; it printed: " + seen);
    }

    private static List<String> drain(LinkedBlockingQueue<String> lines, List<String> seen) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        for (String l; (l = lines.poll(200, TimeUnit.MILLISECONDS)) != null; ) rest.add(l);
        seen.addAll(rest);
        return rest.stream().filter(l -> l.startsWith(ShutdownChild.CLOSED) || l.contains("Abandoned") || l.contains("did not stop"))
                .toList();
    }
}
