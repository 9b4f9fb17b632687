package dev.docent.indexer.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on a real SQLite file: keyed by model and text hash, never a vector of the wrong size. */
class EmbeddingCacheTest {

    private static final float[] V = {0.6f, 0.8f, 0f};

    @Test
    void aVectorIsFoundOnlyUnderItsModelAndTextAndSurvivesAReopen(@TempDir Path tmp) {
        Path file = tmp.resolve(EmbeddingCache.FILE);
        String h = EmbeddingCache.hash("Title\nsome text");
        try (var cache = EmbeddingCache.open(file)) {
            cache.put("m1", h, V);
            assertArrayEquals(V, cache.get("m1", h, 3), "buffered puts are visible before the flush");
        }
        try (var cache = EmbeddingCache.open(file)) {
            assertArrayEquals(V, cache.get("m1", h, 3), "close flushes");
            assertNull(cache.get("m2", h, 3), "another model never hits");
            assertNull(cache.get("m1", EmbeddingCache.hash("Title\nsome text."), 3), "another text never hits");
            assertNull(cache.get("m1", h, 4), "a vector of the wrong length is never returned");
        }
    }

    @Test
    void retainOnlyKeepsReferencedEntriesAndLiveModels(@TempDir Path tmp) {
        try (var cache = EmbeddingCache.open(tmp.resolve(EmbeddingCache.FILE))) {
            for (String t : new String[] {"a", "b", "c"}) {
                cache.put("m1", EmbeddingCache.hash(t), V);
                cache.put("m2", EmbeddingCache.hash(t), V);
                cache.put("old", EmbeddingCache.hash(t), V);
            }
            assertEquals(9, cache.size());
            int dropped = cache.retainOnly("m1", Set.of(EmbeddingCache.hash("a")), Set.of("m2"));
            assertEquals(5, dropped, "two unused entries of m1 and the three of a dead model");
            assertEquals(4, cache.size());
            assertArrayEquals(V, cache.get("m1", EmbeddingCache.hash("a"), 3));
            assertNull(cache.get("m1", EmbeddingCache.hash("b"), 3));
            assertArrayEquals(V, cache.get("m2", EmbeddingCache.hash("c"), 3), "a live model's entries stay");
        }
    }

    @Test
    void aDamagedCacheFileIsReplacedNotFatal(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(EmbeddingCache.FILE);
        Files.writeString(file, "this is not a SQLite database, just some bytes that happen to be here".repeat(100));
        try (var cache = EmbeddingCache.open(file)) {
            cache.put("m1", EmbeddingCache.hash("x"), V);
            assertArrayEquals(V, cache.get("m1", EmbeddingCache.hash("x"), 3));
        }
    }
}
