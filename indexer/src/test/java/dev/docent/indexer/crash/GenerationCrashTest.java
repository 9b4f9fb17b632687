package dev.docent.indexer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM rebuilding the index for a new chunk size dies ({@code Runtime.halt}, as kill -9) at
 * random points of the build: after each death the old generation still answers, whole; the next
 * open resumes the build; when it completes, the new generation equals an uninterrupted build of
 * the same files and the old one is gone. The seed is printed; -Ddocent.crash.seed=N replays it.
 */
class GenerationCrashTest {

    private static final int FILES = 60;
    private static final int OLD_CHUNK = 200;
    private static final int NEW_CHUNK = 24;
    private static final int DEATHS = 4;

    @Test
    @Timeout(300)
    void aRebuildKilledAtRandomPointsLeavesTheOldGenerationAnsweringAndCompletesAfterRestart(@TempDir Path tmp)
            throws Exception {
        long seed = Long.getLong("docent.crash.seed", System.nanoTime());
        System.out.println("GenerationCrashTest seed " + seed + " (replay: -Ddocent.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < FILES; i++) write(docs.resolve("f" + i + ".txt"), random, i);

        // The new chunking, built in one uninterrupted run: what the crashed build must end as.
        Path cleanData = tmp.resolve("clean");
        try (Indexer indexer = Indexer.open(cleanData, new HashEmbedder(), NEW_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot clean = snapshot(cleanData, docs);
        int newChunks = clean.chunkIds().size();

        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, new HashEmbedder(), OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot old = snapshot(data, docs);
        assertTrue(newChunks > old.chunkIds().size(), newChunks + " vs " + old.chunkIds().size());

        int deaths = 0;
        List<Integer> haltPoints = new ArrayList<>();
        for (int round = 0; round < DEATHS; round++) {
            // Die somewhere in the first half of what is left, so every round has a build to interrupt.
            int haltAfter = 1 + random.nextInt(Math.max(1, newChunks / (2 * (round + 1))));
            haltPoints.add(haltAfter);
            Path log = tmp.resolve("child-" + round + ".log");
            Process child = start(data, docs, haltAfter, log);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            String output = Files.readString(log);
            if (child.exitValue() == 0) break; // the build finished before the chosen point
            assertEquals(GenerationCrashChild.HALTED, child.exitValue(), output);
            deaths++;
            // Still the old generation, whole, for any reader.
            assertEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name(), "round " + round);
            assertEquals(old, snapshot(data, docs), "the old generation changed (seed " + seed + ")");
            try (Indexer reader = Indexer.openReadOnly(data, new HashEmbedder())) {
                assertEquals(old.chunkIds().size(), (int) reader.withIndex(idx -> idx.chunkCount()));
                assertFalse(reader.search("harbour ledger", null, 3).isEmpty());
            }
        }
        assertTrue(deaths >= 1, "no child died mid-build (seed " + seed + ")");

        try (Indexer indexer = Indexer.open(data, new HashEmbedder(), NEW_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(null, indexer.generationStatus().rebuild());
        }
        IndexGeneration active = Generations.readPointer(data).orElseThrow();
        assertFalse(active.isRoot(), "the new generation never became active");
        IndexSnapshot rebuilt = snapshot(data, docs);
        System.out.printf("GenerationCrashTest seed %d: %d deaths (after %s passages), old generation %d chunks,"
                + " rebuilt %d chunks, uninterrupted build %d%n", seed, deaths, haltPoints, old.chunkIds().size(),
                rebuilt.chunkIds().size(), newChunks);
        assertEquals(clean, rebuilt, "rebuilt generation differs from an uninterrupted build (seed " + seed + ")");
        assertFalse(Files.exists(data.resolve("catalog.db")), "old generation's catalog left behind");
        assertFalse(Files.exists(data.resolve("index")), "old generation's index left behind");
    }

    /** The active generation's catalog rows and committed chunks. */
    private static IndexSnapshot snapshot(Path data, Path docs) throws IOException {
        IndexGeneration g = Generations.activeForReading(data);
        try (Catalog catalog = Catalog.openReadOnly(g.catalogFile(data))) {
            return IndexSnapshot.of(g.dir(data), docs, catalog.all());
        }
    }

    private static void write(Path file, Random random, int n) throws IOException {
        String[] words = ("river stone harbour ledger invoice tariff orbit lantern meadow copper granite ferry almanac"
                + " quarry thimble saddle beacon furnace orchard glacier cobalt parcel").split(" ");
        StringBuilder text = new StringBuilder("Document " + n + "\n\n");
        int paragraphs = 1 + random.nextInt(6);
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 2 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                int count = 5 + random.nextInt(15);
                for (int w = 0; w < count; w++) text.append(words[random.nextInt(words.length)]).append(w + 1 < count ? " " : ". ");
            }
            text.append("\n\n");
        }
        Files.writeString(file, text);
    }

    private static Process start(Path data, Path docs, int haltAfter, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GenerationCrashChild.class.getName(), data.toString(), docs.toString(), Integer.toString(NEW_CHUNK),
                Integer.toString(haltAfter)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
