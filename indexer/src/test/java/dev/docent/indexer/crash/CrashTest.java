package dev.docent.indexer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points, while a child JVM syncs a folder of a few hundred files that this test
 * keeps changing (adds, edits, deletes, renames, moves, copies: the last three take over indexed
 * chunks instead of reading the file). After every restart the next child goes
 * on from what the last one left; at the end one clean sync must leave exactly what an
 * uninterrupted run on the same files gives: same documents, same chunk count, no duplicate
 * chunk, no chunk of a deleted file. The seed is printed; -Ddocent.crash.seed=N replays a run.
 */
class CrashTest {

    private static final int FILES = 300;
    private static final int KILLS = Integer.getInteger("docent.crash.kills", 20);

    @Test
    @Timeout(600)
    void indexEqualsAnUninterruptedRunAfterKill9AtRandomPoints(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("docent.crash.seed", System.nanoTime());
        System.out.println("CrashTest seed " + seed + " (replay: -Ddocent.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path data = tmp.resolve("data");
        for (int i = 0; i < FILES; i++) FolderChurn.write(docs.resolve("d" + (i % 7)).resolve("f" + i + ".txt"), random, i);

        int kills = 0;
        int killedWhileChanging = 0;
        long t0 = System.nanoTime();
        int serial = FILES;
        for (int round = 0; round < KILLS; round++) {
            Process child = start(data, docs);
            awaitOpened(child);
            long killAt = 50 + random.nextInt(round < 3 ? 2500 : 1200);
            long begin = System.nanoTime();
            boolean changing = false;
            // Change the folder while the child syncs it, until the kill.
            while ((System.nanoTime() - begin) / 1_000_000 < killAt) {
                changing = random.nextInt(3) > 0;
                if (changing) serial = FolderChurn.change(docs, random, serial);
                Thread.sleep(random.nextInt(40));
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            kills++;
            if (changing) killedWhileChanging++;
        }
        long crashMillis = (System.nanoTime() - t0) / 1_000_000;

        // Restart, then one clean sync: what a user gets after the crashes.
        IndexSnapshot crashed;
        dev.docent.indexer.SyncReport restart;
        try (Indexer indexer = Indexer.open(data, new HashEmbedder())) {
            restart = indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        crashed = snapshotAfterClose(data, docs);
        // The same files indexed in one uninterrupted run.
        Path cleanData = tmp.resolve("clean-data");
        try (Indexer indexer = Indexer.open(cleanData, new HashEmbedder())) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot clean = snapshotAfterClose(cleanData, docs);

        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.walk(docs)) {
            s.filter(Files::isRegularFile).forEach(p -> onDisk.add(docs.relativize(p).toString()));
        }
        System.out.printf("CrashTest seed %d: %d kills (%d while files were changing) in %.1f s; %d files on disk,"
                + " %d chunks after the crashes, %d in the uninterrupted run; the restart's sync found %d files unchanged,"
                + " read %d, took over %d (renames, copies)%n", seed, kills, killedWhileChanging,
                crashMillis / 1000.0, onDisk.size(), crashed.chunkIds().size(), clean.chunkIds().size(),
                restart.unchanged(), restart.indexed(), restart.reused());

        assertEquals(clean.documents(), crashed.documents(), "catalog differs from an uninterrupted run (seed " + seed + ")");
        assertEquals(clean.chunkIds().size(), crashed.chunkIds().size(), "chunk count (seed " + seed + ")");
        Set<String> unique = new HashSet<>(crashed.chunkIds());
        assertEquals(crashed.chunkIds().size(), unique.size(), "duplicate chunk ids (seed " + seed + ")");
        assertEquals(new TreeSet<>(clean.chunkIds()), new TreeSet<>(crashed.chunkIds()), "chunks (seed " + seed + ")");
        for (String id : unique) {
            String path = id.substring(0, id.lastIndexOf('#'));
            assertTrue(onDisk.contains(path), "chunk of a deleted file: " + id + " (seed " + seed + ")");
        }
        assertEquals(onDisk, crashed.documents().keySet(), "catalog rows vs files on disk (seed " + seed + ")");
        // The dates each text mentions were written in their row's transactions: none without a row, each as
        // an uninterrupted run found them (renamed, moved and copied files took theirs from their donor).
        assertTrue(crashed.documents().keySet().containsAll(crashed.textDates().keySet()), "text dates without a row (seed "
                + seed + ")");
        assertTrue(clean.textDates().size() > FILES / 2, "the files mention dates: " + clean.textDates().size());
        assertEquals(clean.textDates(), crashed.textDates(), "text dates (seed " + seed + ")");
    }

    private static IndexSnapshot snapshotAfterClose(Path data, Path docs) throws IOException {
        try (var catalog = dev.docent.indexer.catalog.Catalog.openReadOnly(data.resolve("catalog.db"))) {
            return IndexSnapshot.of(data, docs, catalog.all());
        }
    }



    private static Process start(Path data, Path docs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        // Commits every 100 ms instead of 5 s: kills then land between many commits, so renames,
        // copies and deletes are caught committed in the index but not yet in the catalog.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Ddocent.sync.commit_every_ms=100", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), data.toString(), docs.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits until the child has opened catalog and index and finished a file (or 5 s), then drains it. */
    private static void awaitOpened(Process child) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream()));
        var opened = new java.util.concurrent.CountDownLatch(1);
        var indexing = new java.util.concurrent.CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.contains(CrashChild.OPENED)) opened.countDown();
                    if (line.contains(CrashChild.FILE_DONE)) indexing.countDown();
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        assertTrue(opened.await(60, TimeUnit.SECONDS) || !child.isAlive(), "child did not open the data directory");
        // Kills are timed from the first file the child finishes (Tika's start-up is not worth
        // killing either), so they land among commits of adds, edits, renames, copies and deletes;
        // if it has nothing to do for a while, from now.
        indexing.await(5, TimeUnit.SECONDS);
        assertTrue(child.isAlive(), () -> "child died before it was killed: exit " + child.exitValue());
    }
}
