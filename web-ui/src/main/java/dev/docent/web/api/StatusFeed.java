package dev.docent.web.api;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status as it changes, for every {@code GET /api/status/events} client at once. One publisher
 * thread (running only while someone listens) reads the status at most every
 * {@value #BUSY_INTERVAL_MS} ms while indexing and every {@value #IDLE_INTERVAL_MS} ms otherwise,
 * and when its JSON differs from the last, replaces the one latest snapshot. Clients wait for a
 * snapshot newer than the one they last sent: a client that reads slowly, or not at all, blocks
 * only its own request thread, skips the snapshots it missed and never grows a queue; the
 * publisher and the indexer never wait for a client.
 */
final class StatusFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusFeed.class);
    /** At most four events a second while the numbers move. */
    static final long BUSY_INTERVAL_MS = 250;
    /** While idle, how soon a new sync (or a changed model) shows. */
    static final long IDLE_INTERVAL_MS = 1000;

    /** One state of the status, serialised once for every client. */
    record Snapshot(long version, String json) {}

    private final Supplier<Map<String, Object>> status;
    private final BooleanSupplier closing;
    private final Object lock = new Object();
    // Guarded by lock:
    private Snapshot latest;
    private long version;
    private int subscribers;
    private boolean closed;
    private Thread publisher;

    /** @param closing true once Docent is closing: a status that cannot be read then ends the feed */
    StatusFeed(Supplier<Map<String, Object>> status, BooleanSupplier closing) {
        this.status = status;
        this.closing = closing;
    }

    /** A new listener; close it when its client goes. After {@link #close()} it sees the feed closed. */
    Subscription subscribe() {
        synchronized (lock) {
            // The first listener after a quiet spell must not be sent a stale snapshot.
            if (subscribers++ == 0) latest = null;
            if (publisher == null && !closed) publisher = Thread.ofVirtual().name("status-feed").start(this::publish);
            lock.notifyAll();
        }
        return new Subscription();
    }

    /** One client's place in the feed: the version it last got. */
    final class Subscription implements AutoCloseable {

        private long seen;
        private boolean ended;

        /**
         * The latest snapshot if it is newer than the last one returned, waiting for one at most
         * {@code timeoutMs}; null on timeout or once the feed is closed ({@link #closed()}).
         */
        Snapshot next(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            synchronized (lock) {
                while (!closed && (latest == null || latest.version() <= seen)) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) return null;
                    lock.wait(left);
                }
                if (closed) return null;
                seen = latest.version();
                return latest;
            }
        }

        /** Whether the feed has closed (Docent is stopping): the client's stream should end. */
        boolean closed() {
            synchronized (lock) {
                return closed;
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (ended) return;
                ended = true;
                subscribers--;
            }
        }
    }

    /** Listeners now (for tests and logs). */
    int subscribers() {
        synchronized (lock) {
            return subscribers;
        }
    }

    private void publish() {
        try {
            while (true) {
                synchronized (lock) {
                    while (subscribers == 0 && !closed) lock.wait();
                    if (closed) return;
                }
                Map<String, Object> s;
                String json;
                try {
                    s = status.get();
                    json = DocentApp.JSON.writeValueAsString(s);
                } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                    if (closing.getAsBoolean()) { // the catalog is closing under us: the feed ends with Docent
                        close();
                        return;
                    }
                    log.warn("Cannot read the status for /api/status/events: {}", e.toString());
                    s = Map.of();
                    json = null;
                }
                long interval = Boolean.TRUE.equals(s.get("indexing")) ? BUSY_INTERVAL_MS : IDLE_INTERVAL_MS;
                long next = System.nanoTime() + interval * 1_000_000;
                synchronized (lock) {
                    if (json != null && (latest == null || !latest.json().equals(json))) {
                        latest = new Snapshot(++version, json);
                        lock.notifyAll();
                    }
                    // Sleep out the interval; a listener arriving after a quiet spell (latest reset) wakes it.
                    long left;
                    while (!closed && latest != null && (left = (next - System.nanoTime()) / 1_000_000) > 0) lock.wait(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // never silently: the streams would carry keep-alives only
            log.error("The status feed stopped; open status streams end and pages reconnect", e);
            close();
        }
    }

    /** Ends every client's stream (they see {@link Subscription#closed()}) and the publisher. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
