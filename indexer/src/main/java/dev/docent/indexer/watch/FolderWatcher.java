package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
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
 *
 * <p>Events never hold a sync back for long: after the first event of a burst it waits for a pause
 * of {@link #SETTLE}, but at most {@link #MAX_SETTLE} (a file rewritten every 200 ms all day is
 * synced every few seconds, not never), and never past the period, which counts from the start of
 * the last run whatever the events. Events about entries the walk skips (hidden files such as an
 * editor's autosave, Office lock files, what the ignore files name) do not count at all.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** Wait this long after the last event so a file being copied is synced once, complete. */
    private static final Duration SETTLE = Duration.ofMillis(750);
    /** However busy the folders, a sync starts at most this long after the first event of a burst. */
    static final Duration MAX_SETTLE = Duration.ofMillis(2500);
    /** How late a periodic run may be before {@link #behind()} says so (a busy machine's scheduling). */
    private static final Duration LATE = Duration.ofSeconds(5);
    private static final long NONE = Long.MIN_VALUE;

    private final List<Path> folders;
    private final Duration period;
    private final Runnable onChange;
    private final boolean respectGitignore;
    private final Thread thread;
    private volatile boolean closed;
    private volatile WatchService events;
    /** System.nanoTime() when the last run started (the period counts from it) and ended. */
    private volatile long lastStart;
    private volatile long lastEnd;
    private volatile boolean running;
    /** System.nanoTime() of the first event that matters since the last run started, or NONE. */
    private volatile long changedAt = NONE;

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
        lastStart = lastEnd = System.nanoTime();
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

    /**
     * Returns when a run is due: after file events that matter (and a pause for the burst to end,
     * bounded by {@link #MAX_SETTLE}), or when the period since the last run's start is over.
     */
    private void waitForChange(EventRegistrar registrar) throws InterruptedException {
        long due = lastStart + period.toNanos();
        WatchService ev = events;
        if (ev == null || registrar == null) {
            sleepUntil(due);
            return;
        }
        boolean register = false;
        while (true) { // until an event that matters, or the period is over
            long left = due - System.nanoTime();
            if (left <= 0) return;
            WatchKey key = ev.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) return;
            EventRegistrar.Change c = drain(key, registrar);
            register |= c == EventRegistrar.Change.FOLDERS;
            if (c != EventRegistrar.Change.NONE) break;
        }
        long first = System.nanoTime();
        if (changedAt == NONE) changedAt = first;
        // Let a burst of events (a copy, an unzip) finish before syncing, but never wait on a file
        // written without pause: the run starts MAX_SETTLE after the first event at the latest.
        long latest = Math.min(first + MAX_SETTLE.toNanos(), due);
        long quietUntil = first + SETTLE.toNanos();
        while (true) {
            long left = Math.min(quietUntil, latest) - System.nanoTime();
            if (left <= 0) break;
            WatchKey key = ev.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) break;
            EventRegistrar.Change c = drain(key, registrar);
            register |= c == EventRegistrar.Change.FOLDERS;
            if (c != EventRegistrar.Change.NONE) quietUntil = System.nanoTime() + SETTLE.toNanos();
        }
        if (register) registrar.registerAll(folders); // new sub-folders, changed ignore files
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long left = due - System.nanoTime();
        if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    private void runChange() {
        long now = System.nanoTime();
        lastStart = now;
        changedAt = NONE; // the walk of this run sees every change made so far
        running = true;
        try {
            onChange.run();
        } catch (RuntimeException | Error e) {
            log.error("Sync after a folder change failed (retried next period): {}", e.toString(), e);
        } finally {
            running = false;
            lastEnd = System.nanoTime();
        }
    }

    /** Reads a key's events and re-arms it; returns the most a run must do for them. */
    private EventRegistrar.Change drain(WatchKey key, EventRegistrar registrar) {
        EventRegistrar.Change most = EventRegistrar.Change.NONE;
        Path folder = key.watchable() instanceof Path p ? p : null;
        for (WatchEvent<?> e : key.pollEvents()) {
            EventRegistrar.Change c;
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || folder == null || !(e.context() instanceof Path name)) {
                c = EventRegistrar.Change.FOLDERS; // events were lost: look at everything again
            } else {
                c = registrar.classify(folder, name);
            }
            if (c.compareTo(most) > 0) most = c;
        }
        key.reset();
        return most;
    }

    /**
     * Whether the index may be behind the folders with no run under way to catch up: a change that
     * matters was seen and no run has started since, or no run has ended for longer than the
     * period (and some slack) allows. For a status's "up to date".
     */
    public boolean behind() {
        if (changedAt != NONE) return true;
        if (running || closed) return false;
        return System.nanoTime() - lastEnd > period.toNanos() + MAX_SETTLE.toNanos() + LATE.toNanos();
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
