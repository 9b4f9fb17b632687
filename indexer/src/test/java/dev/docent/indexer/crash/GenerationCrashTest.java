package dev.docent.indexer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.indexer.halt.HaltPoints;
import dev.docent.retriever.lucene.ChunkIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM rebuilding the index for a new chunk size dies ({@code Runtime.halt}, as kill -9) at
 * each named point of the build and the switch ({@link HaltPoints}, plus the child's own
 * "embedding"), several times in a row at different occurrences, each scenario on a fresh copy of
 * the same old data directory. After each death: the child printed that it reached the point (a
 * point removed or renamed cannot pass unnoticed), the disk shows the in-between state the point
 * stands for, and whichever generation the pointer names answers whole: the old one unchanged, or
 * the new one equal to an uninterrupted build. The next child opens what the last left (resuming,
 * repairing); at the end of each scenario one uninterrupted open and sync leaves exactly the
 * uninterrupted build, with the old generation's files gone. The seed is printed;
 * -Ddocent.crash.seed=N replays it.
 */
class GenerationCrashTest {

    private static final int FILES = 60;
    private static final int OLD_CHUNK = 200;
    private static final int NEW_CHUNK = 24;
    /** Rounds per point (each a child that is meant to die there); a later round may find the point passed. */
    private static final Map<String, Integer> ROUNDS = new LinkedHashMap<>();

    static {
        ROUNDS.put(GenerationCrashChild.EMBEDDING, 3);
        ROUNDS.put(HaltPoints.LUCENE_PREPARED, 3);
        ROUNDS.put(HaltPoints.LUCENE_COMMITTED, 3);
        ROUNDS.put(HaltPoints.CATALOG_TRANSACTION, 3);
        ROUNDS.put(HaltPoints.POINTER_TEMP_WRITTEN, 2);
        ROUNDS.put(HaltPoints.POINTER_RENAMED, 2);
        ROUNDS.put(HaltPoints.GENERATION_DELETING, 3);
    }

    @Test
    @Timeout(300)
    void aRebuildKilledAtEachNamedPointLeavesOneWholeGenerationAnsweringAndCompletesAfterRestart(@TempDir Path tmp)
            throws Exception {
        long seed = Long.getLong("docent.crash.seed", System.nanoTime());
        System.out.println("GenerationCrashTest seed " + seed + " (replay: -Ddocent.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < FILES; i++) HaltedChild.write(docs.resolve("f" + i + ".txt"), random, i);

        // The new chunking, built in one uninterrupted run: what every crashed build must end as.
        Path cleanData = tmp.resolve("clean");
        try (Indexer indexer = Indexer.open(cleanData, new HashEmbedder(), NEW_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot clean = snapshot(cleanData, docs);
        int newChunks = clean.chunkIds().size();

        // The old chunking: every scenario starts from a copy of this data directory.
        Path oldData = tmp.resolve("old");
        try (Indexer indexer = Indexer.open(oldData, new HashEmbedder(), OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot old = snapshot(oldData, docs);
        assertTrue(newChunks > old.chunkIds().size(), newChunks + " vs " + old.chunkIds().size());

        Map<String, List<String>> deaths = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (var scenario : ROUNDS.entrySet()) {
            String point = scenario.getKey();
            String where = point + " (seed " + seed + ")";
            Path data = tmp.resolve("data-" + point);
            HaltedChild.copyTree(oldData, data);
            List<String> died = new ArrayList<>();
            deaths.put(point, died);
            for (int round = 0; round < scenario.getValue(); round++) {
                int occurrence = occurrence(point, round, newChunks, random);
                Path log = tmp.resolve("child-" + point + "-" + round + ".log");
                Process child = HaltedChild.start(data, docs, NEW_CHUNK, point + ":" + occurrence, log);
                assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish at " + where);
                String output = Files.readString(log);
                if (child.exitValue() == 0) {
                    // Through without reaching the Nth arrival: the build (or the deletion) was done
                    // before it. Only a later round may find that; the first must reach its point.
                    assertTrue(round > 0, "the child never reached " + where + ":\n" + output);
                    died.add("passed:" + occurrence);
                    break;
                }
                assertEquals(HaltPoints.EXIT_CODE, child.exitValue(), "child died elsewhere than at " + where + ":\n" + output);
                assertTrue(output.contains(HaltPoints.MARK + point + ":" + occurrence), "no mark of " + where + ":\n" + output);
                died.add(Integer.toString(occurrence));
                assertInBetweenState(point, data, where);
                assertOneWholeGenerationAnswers(data, docs, old, clean, where);
            }
            // What a user gets on the next start: the build completed (or the switch finished), the old generation gone.
            try (Indexer indexer = Indexer.open(data, new HashEmbedder(), NEW_CHUNK)) {
                indexer.sync(List.of(docs), SyncProgress.NONE);
                assertEquals(null, indexer.generationStatus().rebuild(), where);
            }
            IndexGeneration active = Generations.readPointer(data).orElseThrow();
            assertFalse(active.isRoot(), "the new generation never became active: " + where);
            assertEquals(clean.inPathOrder(), snapshot(data, docs).inPathOrder(),
                    "rebuilt generation differs from an uninterrupted build: " + where);
            assertFalse(Files.exists(data.resolve("catalog.db")), "old generation's catalog left behind: " + where);
            assertFalse(Files.exists(data.resolve("index")), "old generation's index left behind: " + where);
            assertFalse(Files.exists(data.resolve(Generations.POINTER + ".tmp")), "temporary pointer left behind: " + where);
            try (Stream<Path> gens = Files.list(data.resolve(IndexGeneration.GENERATIONS_DIR))) {
                assertEquals(List.of(active.dir(data)), gens.toList(), "other generations left behind: " + where);
            }
        }
        System.out.printf("GenerationCrashTest seed %d: in %.1f s, deaths by point (occurrence; passed: the child got"
                + " through first) %s; old generation %d chunks, new %d%n", seed, (System.nanoTime() - t0) / 1e9, deaths,
                old.chunkIds().size(), newChunks);
        for (var d : deaths.entrySet()) {
            assertTrue(d.getValue().stream().filter(s -> !s.startsWith("passed")).count() >= 1, "never died at " + d.getKey());
        }
    }

    /**
     * Which arrival at the point the child halts at: the first in a scenario's first round (always
     * reached); later, one of the first few (a later commit, the deletion of a later file, a later
     * passage), which a child may also get through without reaching. The pointer is written once
     * per switch, so its points are always the first arrival (and a restart after its rename has
     * nothing left to switch).
     */
    private static int occurrence(String point, int round, int newChunks, Random random) {
        return switch (point) {
            case GenerationCrashChild.EMBEDDING -> 1 + random.nextInt(Math.max(1, newChunks / (2 * (round + 1))));
            case HaltPoints.POINTER_TEMP_WRITTEN, HaltPoints.POINTER_RENAMED -> 1;
            default -> round == 0 ? 1 : 1 + random.nextInt(3);
        };
    }

    /** The disk shows the state the point stands for: the test kills where it says it does. */
    private static void assertInBetweenState(String point, Path data, String where) throws IOException {
        IndexGeneration pointer = Generations.readPointer(data).orElseThrow();
        Path generations = data.resolve(IndexGeneration.GENERATIONS_DIR);
        switch (point) {
            case HaltPoints.LUCENE_PREPARED -> {
                assertTrue(pointer.isRoot(), where);
                assertTrue(anyFile(generations, f -> f.getFileName().toString().startsWith("pending_segments")),
                        "no pending Lucene commit in the generation being built: " + where);
            }
            case HaltPoints.LUCENE_COMMITTED, HaltPoints.CATALOG_TRANSACTION -> {
                assertTrue(pointer.isRoot(), where);
                Path dir = onlyChild(generations);
                long indexSequence;
                try (ChunkIndex index = ChunkIndex.openReadOnly(dir.resolve("index"))) {
                    indexSequence = index.committedSequence();
                }
                long catalogSequence;
                try (Catalog catalog = Catalog.openReadOnly(dir.resolve("catalog.db"))) {
                    catalogSequence = catalog.meta(Catalog.INDEX_SEQUENCE).map(Long::parseLong).orElse(-1L);
                }
                assertTrue(indexSequence > catalogSequence, "the index is not ahead of the catalog (" + indexSequence
                        + " vs " + catalogSequence + "): " + where);
            }
            case HaltPoints.POINTER_TEMP_WRITTEN -> {
                assertTrue(pointer.isRoot(), where);
                assertTrue(Files.exists(data.resolve(Generations.POINTER + ".tmp")), "no temporary pointer: " + where);
            }
            case HaltPoints.POINTER_RENAMED -> {
                assertFalse(pointer.isRoot(), where);
                assertTrue(Files.exists(data.resolve("catalog.db")), "old generation already deleted: " + where);
            }
            case HaltPoints.GENERATION_DELETING -> {
                assertFalse(pointer.isRoot(), where);
                // Some of the old generation is gone: its catalog (deleted first) at least.
                assertFalse(Files.exists(data.resolve("catalog.db")), "nothing deleted yet: " + where);
            }
            default -> assertTrue(pointer.isRoot(), "switched while embedding: " + where); // embedding
        }
    }

    /** The generation the pointer names is whole, for a reader too: the old one as it was, or the complete new one. */
    private static void assertOneWholeGenerationAnswers(Path data, Path docs, IndexSnapshot old, IndexSnapshot clean,
            String where) throws IOException {
        IndexGeneration named = Generations.readPointer(data).orElseThrow();
        boolean switched = !named.isRoot();
        assertTrue(Files.isRegularFile(named.catalogFile(data)) && Files.isDirectory(named.indexDir(data)),
                "the generation the pointer names (" + named.name() + ") is gone, in part or whole: " + where);
        IndexSnapshot expected = switched ? clean : old;
        assertEquals(expected.inPathOrder(), snapshot(data, docs).inPathOrder(),
                (switched ? "the new" : "the old") + " generation is not whole: " + where);
        try (Indexer reader = Indexer.openReadOnly(data, new HashEmbedder())) {
            assertEquals(expected.chunkIds().size(), (int) reader.withIndex(idx -> idx.chunkCount()), where);
            assertFalse(reader.search("harbour ledger", null, 3).isEmpty(), where);
        }
    }

    /** The active generation's catalog rows and committed chunks. */
    private static IndexSnapshot snapshot(Path data, Path docs) throws IOException {
        IndexGeneration g = Generations.activeForReading(data);
        try (Catalog catalog = Catalog.openReadOnly(g.catalogFile(data))) {
            return IndexSnapshot.of(g.dir(data), docs, catalog.all());
        }
    }

    private static boolean anyFile(Path dir, java.util.function.Predicate<Path> test) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(test);
        }
    }

    private static Path onlyChild(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.toList();
            if (all.size() != 1) fail("expected one generation being built in " + dir + ": " + all);
            return all.getFirst();
        }
    }
}
