package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code onChange} once at start, again shortly after files under the folders change, and
 * every {@code period} in any case: file events are an optimisation (they can overflow, and some
 * file systems never send them), the periodic check is the guarantee. A sync of unchanged
 * folders costs one stat per file, so the period can be short. The thread outlives any failure
 * of a check or of {@code onChange}: each is logged and the next period tries again.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** Wait this long after the last event so a file being copied is synced once, complete. */
    private static final Duration SETTLE = Duration.ofMillis(750);

    private final List<Path> folders;
    private final Duration period;
    private final Runnable onChange;
    private final boolean respectGitignore;
    private final Thread thread;
    private volatile boolean closed;
    private volatile WatchService events;

    public FolderWatcher(List<Path> folders, Duration period, Runnable onChange) {
        this(folders, period, onChange, true);
    }

    /** @param respectGitignore as the walker's: folders ignored there get no file events */
    public FolderWatcher(List<Path> folders, Duration period, Runnable onChange, boolean respectGitignore) {
        this.folders = List.copyOf(folders);
        this.period = period;
        this.onChange = onChange;
        this.respectGitignore = respectGitignore;
        this.thread = Thread.ofPlatform().name("docent-watch").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            EventRegistrar registrar = openEvents();
            runChange();
            while (!closed) {
                try {
                    waitForChange(registrar);
                    if (!closed) runChange();
                } catch (InterruptedException e) {
                    if (closed) return; // else a stray interrupt: carry on
                } catch (ClosedWatchServiceException e) {
                    if (closed) return;
                    log.warn("File events stopped; checking every {} s instead", period.toSeconds());
                    events = null;
                    registrar = null;
                } catch (RuntimeException | Error e) {
                    log.error("Folder watch problem (the watch goes on): {}", e.toString(), e);
                }
            }
        } finally {
            if (!closed) log.error("Folder watch thread ended while still open: changes are no longer picked up");
        }
    }

    private EventRegistrar openEvents() {
        try {
            events = FileSystems.getDefault().newWatchService();
            EventRegistrar registrar = new EventRegistrar(events, respectGitignore);
            registrar.registerAll(folders);
            return registrar;
        } catch (IOException | RuntimeException e) {
            log.warn("File events unavailable ({}); checking every {} s instead", e.getMessage(), period.toSeconds());
            return null;
        }
    }

    /** Returns after file events (and a pause for the burst to end) or after a period. */
    private void waitForChange(EventRegistrar registrar) throws InterruptedException {
        WatchService ev = events;
        if (ev == null || registrar == null) {
            Thread.sleep(period);
            return;
        }
        WatchKey key = ev.poll(period.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) return;
        drain(key);
        // Let a burst of events (a copy, an unzip) finish before syncing.
        for (WatchKey more; (more = ev.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
            drain(more);
        }
        registrar.registerAll(folders); // new sub-folders
    }

    private void runChange() {
        try {
            onChange.run();
        } catch (RuntimeException | Error e) {
            log.error("Sync after a folder change failed (retried next period): {}", e.toString(), e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /**
     * Stops watching. Does not interrupt a running {@code onChange} (an interrupt in the middle of
     * index I/O would close Lucene's channels); the owner stops that work itself.
     */
    @Override
    public void close() {
        closed = true;
        WatchService ev = events;
        try {
            if (ev != null) ev.close(); // wakes a poll()
        } catch (IOException ignored) {
            // closing a watch service cannot lose data
        }
        if (ev == null) thread.interrupt(); // only sleeping then
    }

    /** Waits for the watch thread to end after {@link #close()}. */
    public void join(Duration timeout) throws InterruptedException {
        thread.join(timeout);
    }

    /** Whether the watch thread is running (for tests and diagnostics). */
    public boolean isAlive() {
        return thread.isAlive();
    }
}
