package dev.docent.indexer.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code onChange} once at start, again shortly after files under the folders change, and
 * every {@code period} in any case: file events are an optimisation (they can overflow, and some
 * file systems never send them), the periodic check is the guarantee. A sync of unchanged
 * folders costs one stat per file, so the period can be short.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** Wait this long after the last event so a file being copied is synced once, complete. */
    private static final Duration SETTLE = Duration.ofMillis(750);

    private final List<Path> folders;
    private final Duration period;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean closed;
    private WatchService events;

    public FolderWatcher(List<Path> folders, Duration period, Runnable onChange) {
        this.folders = folders;
        this.period = period;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().name("docent-watch").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            events = FileSystems.getDefault().newWatchService();
            registerAll();
        } catch (IOException e) {
            log.warn("File events unavailable ({}); checking every {} s instead", e.getMessage(), period.toSeconds());
        }
        onChange.run();
        while (!closed) {
            try {
                WatchKey key = events == null ? null : events.poll(period.toMillis(), TimeUnit.MILLISECONDS);
                if (events == null) Thread.sleep(period);
                if (key != null) {
                    drain(key);
                    // Let a burst of events (a copy, an unzip) finish before syncing.
                    for (WatchKey more; (more = events.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                        drain(more);
                    }
                    registerAll(); // new sub-folders
                }
                if (!closed) onChange.run();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Folder watch problem: {}", e.getMessage());
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void registerAll() throws IOException {
        if (events == null) return;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> dirs = Files.walk(folder)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    d.register(events, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                }
            }
        }
    }

    /**
     * Stops watching. Does not interrupt a running {@code onChange} (an interrupt in the middle of
     * index I/O would close Lucene's channels); the owner stops that work itself.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (events != null) events.close(); // wakes a poll()
        } catch (IOException ignored) {
            // closing a watch service cannot lose data
        }
        if (events == null) thread.interrupt(); // only sleeping then
    }

    /** Waits for the watch thread to end after {@link #close()}. */
    public void join(Duration timeout) throws InterruptedException {
        thread.join(timeout);
    }
}
