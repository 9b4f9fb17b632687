package dev.docent.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The feed behind {@code GET /api/status/events}, on its own: the publisher keeps going while a
 * listener takes nothing, that listener then gets only the latest snapshot (no queue), snapshots
 * come at most four a second while indexing, an unchanged status is not sent again, and closing
 * ends every listener.
 */
class StatusFeedTest {

    @Test
    void aListenerThatTakesNothingHoldsNothingUpAndThenGetsOnlyTheLatest() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        var feed = new StatusFeed(() -> Map.of("indexing", true, "done", reads.incrementAndGet()), () -> false);
        try (var stalled = feed.subscribe(); var reading = feed.subscribe()) {
            assertNotNull(reading.next(10_000), "no first snapshot"); // the first one pays for loading Jackson
            long t0 = System.nanoTime();
            long lastVersion = 0;
            int got = 0;
            while (System.nanoTime() - t0 < 2_000_000_000L) {
                var s = reading.next(1000);
                assertNotNull(s, "no snapshot for 1 s after " + got + " at " + (System.nanoTime() - t0) / 1_000_000 + " ms; reads " + reads.get());
                assertTrue(s.version() > lastVersion);
                lastVersion = s.version();
                got++;
            }
            // About 2 s at one snapshot per 250 ms: 8 or 9; never a burst.
            assertTrue(got >= 6 && got <= 10, "snapshots in 2 s: " + got);
            var latest = stalled.next(0);
            assertNotNull(latest);
            assertTrue(latest.version() >= lastVersion, "the stalled listener got an old snapshot: " + latest);
            assertNull(stalled.next(0), "a queue: the stalled listener got a second snapshot at once");
            assertEquals(2, feed.subscribers());
        }
        assertEquals(0, feed.subscribers());
        feed.close();
    }

    @Test
    void anUnchangedStatusIsSentOnceAndClosingEndsListeners() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        var feed = new StatusFeed(() -> {
            reads.incrementAndGet();
            return Map.of("indexing", false, "documents", 3);
        }, () -> false);
        try (var listener = feed.subscribe()) {
            var first = listener.next(2000);
            assertNotNull(first);
            assertEquals("{\"indexing\":false,\"documents\":3}".length(), first.json().length());
            assertNull(listener.next(2500), "an unchanged status was sent again");
            assertTrue(reads.get() >= 2, "the status was not read again while idle: " + reads.get());
            Thread closer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                feed.close();
            });
            long t0 = System.nanoTime();
            assertNull(listener.next(10_000));
            assertTrue(listener.closed());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "close did not wake the listener");
            closer.join();
        }
    }
}
