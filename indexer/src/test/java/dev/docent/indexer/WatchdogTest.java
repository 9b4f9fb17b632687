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
    void aLongExtractionThatKeepsBeatingFinishes() throws Exception {
        var r = watchdog.call(() -> {
            for (int page = 0; page < 12; page++) { // 1.8 s in all, three times the limit
                Thread.sleep(150);
                ExtractionHeartbeat.beat();
            }
            return "done";
        });
        assertNull(r.failure());
        assertEquals("done", r.value());
    }

    @Test
    void anExtractionThatStopsBeatingIsAbandonedAndSaysSo() throws Exception {
        long t0 = System.nanoTime();
        var r = watchdog.call(() -> {
            for (int page = 0; page < 4; page++) {
                Thread.sleep(150);
                ExtractionHeartbeat.beat();
            }
            Thread.sleep(60_000); // stuck after 4 pages
            return "never";
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.failure().startsWith("stopped making progress: nothing for"), r.failure());
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
        ExtractionHeartbeat.beat(); // the indexer's tests and eval read files without a watchdog
    }
}
