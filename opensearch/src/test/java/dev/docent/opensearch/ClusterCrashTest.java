package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.crash.CrashChild;
import dev.docent.indexer.crash.FolderChurn;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.opensearch.cluster.TestCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an indexer writing to the cluster, 10 times at random points while the test
 * changes its folder ({@link FolderChurn}: adds, edits, deletes, renames, moves, copies). Then one clean run: the owner's
 * chunks in the cluster must equal those of an uninterrupted run on the same files (same
 * "path#ordinal" set, no duplicate, no chunk of a file that is gone), and its catalog must list
 * exactly the files on disk, each with the cluster's chunk count, and the rows it published for
 * read-only servers must equal its catalog. The seed is printed;
 * {@code -Ddocent.crash.seed=N} replays a run.
 */
class ClusterCrashTest {

    private static final int FILES = 80;
    private static final int KILLS = 10;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theClusterConvergesToAnUninterruptedRunAfterKill9(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("docent.crash.seed", System.nanoTime());
        System.out.println("ClusterCrashTest seed " + seed + " (replay: -Ddocent.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < FILES; i++) FolderChurn.write(docs.resolve("d" + (i % 7)).resolve("f" + i + ".txt"), random, i);
        String index = "crash-" + Long.toHexString(System.nanoTime());
        Path data = tmp.resolve("data");
        int serial = FILES;
        int killedAfterFiles = 0;
        for (int round = 0; round < KILLS; round++) {
            Process child = start(data, docs, index, "crashed");
            boolean wrote = awaitWriting(child);
            if (wrote) killedAfterFiles++;
            long killAt = 20 + random.nextInt(600);
            long begin = System.nanoTime();
            while ((System.nanoTime() - begin) / 1_000_000 < killAt) {
                if (random.nextInt(3) > 0) serial = FolderChurn.change(docs, random, serial);
                Thread.sleep(random.nextInt(40));
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        var connection = ClusterIndices.connection();
        Map<String, String> crashedRows;
        try (Indexer indexer = open(data, index, "crashed", connection)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            crashedRows = rows(indexer.documents());
            // The rows it published for read-only servers converged too (kills between catalog commits and publishes).
            assertEquals(ClusterChunks.byPath(indexer.documents()), ClusterChunks.published(connection, index, "crashed"),
                    "published catalog rows vs the catalog");
        }
        Map<String, String> cleanRows;
        try (Indexer indexer = open(tmp.resolve("clean-data"), index, "clean", connection)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            cleanRows = rows(indexer.documents());
        }
        String generation = connection.call("GET", "/_alias/" + index, null, null).fieldNames().next();
        List<String> crashed = ClusterChunks.ids(connection, generation, "crashed");
        List<String> clean = ClusterChunks.ids(connection, generation, "clean");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.walk(docs)) {
            s.filter(Files::isRegularFile).forEach(p -> onDisk.add(p.toString()));
        }
        System.out.printf("ClusterCrashTest seed %d: %d kills (%d after the child had written files); %d files,"
                + " %d chunks after the crashes, %d in the uninterrupted run%n", seed, KILLS, killedAfterFiles, onDisk.size(),
                crashed.size(), clean.size());
        assertTrue(killedAfterFiles >= KILLS / 2, "most kills must land while the child writes: " + killedAfterFiles);
        assertEquals(crashed.size(), new HashSet<>(crashed).size(), "duplicate chunks (seed " + seed + ")");
        Set<String> extra = new TreeSet<>(crashed);
        extra.removeAll(clean);
        Set<String> missing = new TreeSet<>(clean);
        missing.removeAll(crashed);
        assertTrue(extra.isEmpty() && missing.isEmpty(), "chunks differ from an uninterrupted run (seed " + seed + "): "
                + extra.size() + " extra, e.g. " + extra.stream().limit(5).toList() + "; " + missing.size() + " missing, e.g. "
                + missing.stream().limit(5).toList());
        assertEquals(cleanRows, crashedRows, "catalog differs from an uninterrupted run (seed " + seed + ")");
        assertEquals(onDisk, crashedRows.keySet(), "catalog rows vs files on disk (seed " + seed + ")");
        for (String id : crashed) {
            assertTrue(onDisk.contains(id.substring(0, id.lastIndexOf('#'))), "chunk of a file that is gone: " + id);
        }
        Map<String, Integer> perPath = new TreeMap<>();
        for (String id : crashed) perPath.merge(id.substring(0, id.lastIndexOf('#')), 1, Integer::sum);
        for (var e : crashedRows.entrySet()) {
            assertEquals(e.getValue(), "INDEXED/" + perPath.getOrDefault(e.getKey(), 0), "row vs cluster for " + e.getKey());
        }
    }

    private static Indexer open(Path data, String index, String owner, OpenSearchConnection connection) {
        return Indexer.open(data, new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults(),
                new ClusterStorage(connection, index, owner, OpenSearchIndex.IndexOptions.DEFAULT));
    }

    private static Map<String, String> rows(List<DocumentRecord> records) {
        Map<String, String> out = new TreeMap<>();
        for (DocumentRecord r : records) out.put(r.path(), r.status() + "/" + (r.status() == DocumentStatus.INDEXED ? r.chunks() : 0));
        return out;
    }

    private static Process start(Path data, Path docs, String index, String owner) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        // Commits every 100 ms: kills land between many commits (chunks acknowledged, catalog behind).
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Ddocent.sync.commit_every_ms=100",
                "-cp", System.getProperty("java.class.path"), ClusterCrashChild.class.getName(), data.toString(), docs.toString(),
                TestCluster.get().hosts(), index, owner));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits until the child has opened and finished a file (true), or 20 s (false); drains its output. */
    private static boolean awaitWriting(Process child) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream()));
        var wrote = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.contains(CrashChild.FILE_DONE)) wrote.countDown();
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        return wrote.await(20, TimeUnit.SECONDS);
    }
}
