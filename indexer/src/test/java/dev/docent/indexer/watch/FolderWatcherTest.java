package dev.docent.indexer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch thread outlives failures of the work it triggers and of the folders it watches; busy
 * files never hold a run back for long, and files the walk skips not at all (issue 18 item 15).
 */
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

    @Test
    void theRunsStayOnScheduleWhileAFileIsWrittenWithoutPause(@TempDir Path root) throws Exception {
        List<Long> starts = new CopyOnWriteArrayList<>();
        Duration period = Duration.ofSeconds(1);
        try (FolderWatcher watcher = new FolderWatcher(List.of(root), period, () -> starts.add(System.nanoTime()));
                Rewriter busy = new Rewriter(root.resolve("busy.txt"), 100)) {
            watcher.start();
            awaitSize(starts, 1);
            busy.start();
            Thread.sleep(6000);
            List<Long> seen = List.copyOf(starts);
            assertTrue(seen.size() >= 4, "runs while the file was written: " + seen.size());
            long longestGap = 0;
            for (int i = 1; i < seen.size(); i++) longestGap = Math.max(longestGap, seen.get(i) - seen.get(i - 1));
            // Without the period's own clock a run would wait the longest settle (2.5 s) each time.
            assertTrue(longestGap < Duration.ofMillis(2000).toNanos(), "longest gap between runs: " + longestGap / 1_000_000 + " ms");
        }
    }

    @Test
    void eventsAboutWhatTheWalkSkipsDoNotCount(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(".docentignore"), "*.tmp\nscratch/\n");
        Path scratch = Files.createDirectories(root.resolve("sub/scratch"));
        AtomicInteger calls = new AtomicInteger();
        try (FolderWatcher watcher = new FolderWatcher(List.of(root), Duration.ofMinutes(5), calls::incrementAndGet);
                Rewriter swap = new Rewriter(root.resolve(".report.docx.swp"), 100); // hidden: an editor's autosave
                Rewriter tmp = new Rewriter(root.resolve("sub/autosave.tmp"), 100); // named by .docentignore
                Rewriter lock = new Rewriter(root.resolve("~$report.docx"), 100); // an Office lock file
                Rewriter ignoredFolder = new Rewriter(scratch.resolve("log.txt"), 100)) {
            watcher.start();
            awaitAtLeast(calls, 1);
            for (Rewriter r : List.of(swap, tmp, lock, ignoredFolder)) r.start();
            Thread.sleep(3500);
            assertEquals(1, calls.get(), "runs for changes the walk ignores");
            assertFalse(watcher.behind(), "ignored changes are not changes the index lags behind");
            Files.writeString(root.resolve("sub/new.txt"), "a document");
            awaitAtLeast(calls, 2); // the ignored writes go on, and hold nothing back
            assertTrue(swap.writes() > 30 && tmp.writes() > 30, "the ignored files were written all along");
        }
    }

    /** Rewrites a file every {@code everyMillis} until closed. */
    static final class Rewriter implements AutoCloseable {
        private final Path file;
        private final long everyMillis;
        private final AtomicInteger writes = new AtomicInteger();
        private final Thread thread;
        private volatile boolean stop;

        Rewriter(Path file, long everyMillis) {
            this.file = file;
            this.everyMillis = everyMillis;
            this.thread = Thread.ofPlatform().daemon().unstarted(this::loop);
        }

        void start() {
            thread.start();
        }

        int writes() {
            return writes.get();
        }

        private void loop() {
            while (!stop) {
                try {
                    Files.writeString(file, "version " + writes.incrementAndGet());
                    Thread.sleep(everyMillis);
                } catch (Exception e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(5000);
        }
    }

    private static void awaitSize(List<?> list, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < target && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(list.size() >= target, "expected " + target + " runs, saw " + list.size());
    }

    private static void awaitAtLeast(AtomicInteger n, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (n.get() < target && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(n.get() >= target, "expected " + target + " runs, saw " + n.get());
    }
}
