package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.extract.ExtractionHeartbeat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-file limit: from the start for a silent parser, from the last beat for one that reports progress. */
class WatchdogTest {

    private final Watchdog watchdog = new Watchdog(Duration.ofMillis(600));

    @Test
    void aLongExtractionThatKeepsBeatingFinishesAndSaysWhatItDoes() throws Exception {
        var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var observer = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                String doing = watchdog.doing();
                if (doing != null && !seen.contains(doing)) seen.add(doing);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var r = watchdog.call(() -> {
            for (int page = 1; page <= 12; page++) { // 1.8 s in all, three times the limit
                Thread.sleep(150);
                ExtractionHeartbeat.beat("page " + page);
            }
            return "done";
        });
        observer.interrupt();
        assertNull(r.failure());
        assertEquals("done", r.value());
        assertTrue(seen.contains("page 3") && seen.contains("page 11"), "what the reading said: " + seen);
        assertNull(watchdog.doing(), "nothing is read once the call returned");
    }

    @Test
    void anExtractionThatStopsBeatingIsAbandonedAndSaysSo() throws Exception {
        long t0 = System.nanoTime();
        var r = watchdog.call(() -> {
            for (int page = 1; page <= 4; page++) {
                Thread.sleep(150);
                ExtractionHeartbeat.beat("OCR of page " + page);
            }
            Thread.sleep(60_000); // stuck on page 4
            return "never";
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.failure().startsWith("stopped making progress (OCR of page 4): nothing for"), r.failure());
        assertTrue(ms >= 1_100 && ms < 10_000, "abandoned after " + ms + " ms: the limit counts from the last beat");
    }

    @Test
    void aSilentParserIsHeldToTheLimitFromTheStart() throws Exception {
        long t0 = System.nanoTime();
        var r = watchdog.call(() -> {
            Thread.sleep(60_000);
            return "never";
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.failure().startsWith("took longer than"), r.failure());
        assertTrue(ms >= 550 && ms < 10_000, "abandoned after " + ms + " ms");
    }

    @Test
    void aBeatOutsideALimitedExtractionDoesNothing() {
        ExtractionHeartbeat.beat("page 1"); // the indexer's tests and eval read files without a watchdog
        assertNull(watchdog.doing(), "nothing is being read");
    }
}
