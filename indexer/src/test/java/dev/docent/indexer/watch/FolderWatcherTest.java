package dev.docent.indexer.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch thread outlives failures of the work it triggers and of the folders it watches. */
class FolderWatcherTest {

    @Test
    void aFailingSyncIsLoggedAndTheNextPeriodRunsAgain(@TempDir Path root) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Runnable flaky = () -> {
            if (calls.incrementAndGet() <= 2) throw new IllegalStateException("sync failed on purpose");
        };
        try (FolderWatcher watcher = new FolderWatcher(List.of(root), Duration.ofMillis(100), flaky)) {
            watcher.start();
            awaitAtLeast(calls, 4);
            assertTrue(watcher.isAlive(), "the watch thread died");
        }
    }

    @Test
    void aWatchedFolderThatIsMissingOrALinkDoesNotStopTheWatch(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/sub"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real.getParent());
        AtomicInteger calls = new AtomicInteger();
        try (FolderWatcher watcher = new FolderWatcher(List.of(tmp.resolve("missing"), link), Duration.ofMinutes(5),
                calls::incrementAndGet)) {
            watcher.start();
            awaitAtLeast(calls, 1);
            Files.writeString(real.resolve("new.txt"), "created in a sub-folder of a folder given as a link");
            awaitAtLeast(calls, 2); // a file event: the period is five minutes
            assertTrue(watcher.isAlive());
        }
    }

    private static void awaitAtLeast(AtomicInteger n, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (n.get() < target && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(n.get() >= target, "expected " + target + " runs, saw " + n.get());
    }
}
