package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary cache on disk: bounded in bytes, the least recently used summary goes first. */
class SummaryCacheTest {

    /** A clock the test moves: one minute per call, so every use has its own time. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void beyondItsSizeTheLeastRecentlyUsedSummariesGo(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("summaries");
        SummaryCache.Entry entry = new SummaryCache.Entry("x".repeat(1_000), List.of(new SummaryCache.Part(0, 1, 0, 0)), List.of());
        var probe = new SummaryCache(dir, Long.MAX_VALUE, new Ticking());
        probe.put("probe", entry);
        long oneFile = Files.size(dir.resolve("probe.json"));
        Files.delete(dir.resolve("probe.json"));

        var cache = new SummaryCache(dir, 3 * oneFile, new Ticking()); // room for three
        cache.put("a", entry);
        cache.put("b", entry);
        cache.put("c", entry);
        assertTrue(cache.get("a").isPresent()); // a used again: b is now the least recently used
        cache.put("d", entry);

        assertFalse(cache.get("b").isPresent(), "the least recently used summary was kept");
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("c").isPresent());
        assertTrue(cache.get("d").isPresent());
        assertEquals(3, jsonFiles(dir));

        for (String k : List.of("e", "f", "g", "h")) cache.put(k, entry);
        assertEquals(3, jsonFiles(dir), "the cache grew past its bound");
    }

    @Test
    void aTemporaryFileLeftByACrashGoesOnceItIsAnHourOld(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("summaries"));
        Path old = Files.writeString(dir.resolve("k123.tmp"), "half a summary");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        Path recent = Files.writeString(dir.resolve("k456.tmp"), "being written");
        Files.setLastModifiedTime(recent, FileTime.from(Instant.parse("2026-12-01T00:30:00Z")));
        var cache = new SummaryCache(dir, Long.MAX_VALUE, new Ticking());
        cache.put("a", new SummaryCache.Entry("s", List.of(), List.of()));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent), "a temporary file another writer may still be writing was deleted");
    }

    private static long jsonFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
