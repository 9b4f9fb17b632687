package dev.docent.indexer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.halt.HaltPoints;
import dev.docent.retriever.lucene.ChunkIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The ordinary sync (no new generation) shares the commit with the rebuild ({@code CommitBatch}):
 * a child JVM syncing edits, additions, deletions, renames and copies into the answering index
 * dies inside each phase of a commit ({@link HaltPoints#LUCENE_PREPARED}, {@link
 * HaltPoints#LUCENE_COMMITTED}, {@link HaltPoints#CATALOG_TRANSACTION}), three times in a row at
 * different commits, each point on a fresh copy of the same data directory. After each death: the
 * child printed that it reached the point; the disk shows that phase's state (a pending Lucene
 * commit, or an index ahead of its catalog: never the catalog ahead); a reader opens and answers;
 * and a writer's open (on a copy, so the next child still meets the crash's state) makes catalog
 * and index agree both ways (an indexed row has exactly its chunks; chunks belong to an indexed row,
 * or to a pending one, whose old chunks stay searchable until its file is read again). At the end
 * one sync leaves exactly what an uninterrupted sync of the same files gives. The seed is printed;
 * -Ddocent.crash.seed=N replays it.
 */
class CommitCrashTest {

    private static final int FILES = 60;
    private static final int CHUNK = 24;
    private static final int CHANGES = 30;
    private static final int ROUNDS = 3;
    private static final List<String> POINTS =
            List.of(HaltPoints.LUCENE_PREPARED, HaltPoints.LUCENE_COMMITTED, HaltPoints.CATALOG_TRANSACTION);

    @Test
    @Timeout(300)
    void aSyncKilledInEachPhaseOfACommitIsRepairedAtOpenAndEndsAsAnUninterruptedSync(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("docent.crash.seed", System.nanoTime());
        System.out.println("CommitCrashTest seed " + seed + " (replay: -Ddocent.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < FILES; i++) HaltedChild.write(docs.resolve("f" + i + ".txt"), random, i);
        Path base = tmp.resolve("base");
        try (Indexer indexer = Indexer.open(base, new HashEmbedder(), CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        change(docs, random);
        // The changed files synced in one uninterrupted run: what every crashed sync must end as.
        Path cleanData = tmp.resolve("clean");
        try (Indexer indexer = Indexer.open(cleanData, new HashEmbedder(), CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        IndexSnapshot clean = snapshot(cleanData, docs);

        Map<String, List<String>> deaths = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (String point : POINTS) {
            String where = point + " (seed " + seed + ")";
            Path data = tmp.resolve("data-" + point);
            HaltedChild.copyTree(base, data);
            List<String> died = new ArrayList<>();
            deaths.put(point, died);
            for (int round = 0; round < ROUNDS; round++) {
                int occurrence = round == 0 ? 1 : 1 + random.nextInt(3);
                Path log = tmp.resolve("child-" + point + "-" + round + ".log");
                Process child = HaltedChild.start(data, docs, CHUNK, point + ":" + occurrence, log);
                assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish at " + where);
                String output = Files.readString(log);
                if (child.exitValue() == 0) {
                    assertTrue(round > 0, "the child never reached " + where + ":\n" + output);
                    died.add("passed:" + occurrence); // the sync ended before its Nth commit
                    break;
                }
                assertEquals(HaltPoints.EXIT_CODE, child.exitValue(), "child died elsewhere than at " + where + ":\n" + output);
                assertTrue(output.contains(HaltPoints.MARK + point + ":" + occurrence), "no mark of " + where + ":\n" + output);
                died.add(Integer.toString(occurrence));
                assertPhaseState(point, data, where);
                try (Indexer reader = Indexer.openReadOnly(data, new HashEmbedder())) {
                    assertFalse(reader.search("harbour ledger", null, 3).isEmpty(), "a reader finds nothing: " + where);
                }
                Path probe = tmp.resolve("probe-" + point + "-" + round);
                HaltedChild.copyTree(data, probe);
                Indexer.open(probe, new HashEmbedder(), CHUNK).close(); // open reconciles; no sync
                assertAgree(snapshot(probe, docs), "after a writer's open: " + where);
            }
            try (Indexer indexer = Indexer.open(data, new HashEmbedder(), CHUNK)) {
                indexer.sync(List.of(docs), SyncProgress.NONE);
            }
            IndexSnapshot synced = snapshot(data, docs);
            assertAgree(synced, "after the last sync: " + where);
            assertEquals(clean.inPathOrder(), synced.inPathOrder(), "the index differs from an uninterrupted sync: " + where);
        }
        System.out.printf("CommitCrashTest seed %d: in %.1f s, deaths by point (the commit it died in; passed: the"
                + " child got through first) %s; %d chunks in the end%n", seed, (System.nanoTime() - t0) / 1e9, deaths,
                clean.chunkIds().size());
    }

    /** A pending Lucene commit; or a Lucene commit the catalog does not record yet. */
    private static void assertPhaseState(String point, Path data, String where) throws IOException {
        if (point.equals(HaltPoints.LUCENE_PREPARED)) {
            try (Stream<Path> files = Files.list(data.resolve("index"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("pending_segments")),
                        "no pending Lucene commit: " + where);
            }
            return;
        }
        long indexSequence;
        try (ChunkIndex index = ChunkIndex.openReadOnly(data.resolve("index"))) {
            indexSequence = index.committedSequence();
        }
        long catalogSequence;
        try (Catalog catalog = Catalog.openReadOnly(data.resolve("catalog.db"))) {
            catalogSequence = catalog.meta(Catalog.INDEX_SEQUENCE).map(Long::parseLong).orElse(-1L);
        }
        assertTrue(indexSequence > catalogSequence, "the index is not ahead of the catalog (" + indexSequence + " vs "
                + catalogSequence + "): " + where);
    }

    /** Every indexed row has exactly its chunks in the index, and every chunk an indexed or pending row. */
    private static void assertAgree(IndexSnapshot s, String where) {
        Map<String, Integer> chunks = new HashMap<>();
        for (String id : s.chunkIds()) chunks.merge(id.substring(0, id.lastIndexOf('#')), 1, Integer::sum);
        for (var row : s.documents().entrySet()) {
            String[] statusAndCount = row.getValue().split("/");
            int inIndex = chunks.getOrDefault(row.getKey(), 0);
            if (statusAndCount[0].equals("INDEXED")) {
                assertEquals(Integer.parseInt(statusAndCount[1]), inIndex, row.getKey() + " " + where);
            }
        }
        // A pending row keeps its old chunks (searchable until the file is read again); no row, or a failed one, none.
        for (String path : chunks.keySet()) {
            String row = s.documents().getOrDefault(path, "no row/");
            assertTrue(row.startsWith("INDEXED/") || row.startsWith("PENDING/"), "chunks of " + path + " (" + row + ") "
                    + where);
        }
    }

    /** Edits, additions, deletions, renames and copies; renames and copies take over indexed chunks. */
    private static void change(Path docs, Random random) throws IOException {
        for (int c = 0; c < CHANGES; c++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(docs)) {
                files = new ArrayList<>(s.sorted().toList());
            }
            Path f = files.get(random.nextInt(files.size()));
            int n = FILES + c;
            switch (c % 5) {
                case 0 -> HaltedChild.write(f, random, n);
                case 1 -> HaltedChild.write(docs.resolve("f" + n + ".txt"), random, n);
                case 2 -> Files.delete(f);
                case 3 -> Files.move(f, docs.resolve("r" + n + ".txt"));
                default -> Files.copy(f, docs.resolve("c" + n + ".txt"));
            }
        }
    }

    private static IndexSnapshot snapshot(Path data, Path docs) throws IOException {
        try (Catalog catalog = Catalog.openReadOnly(data.resolve("catalog.db"))) {
            return IndexSnapshot.of(data, docs, catalog.all());
        }
    }
}
