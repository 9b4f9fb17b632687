package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.fusion.HybridSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19: with several writers on one index, a refresh by any of them makes everything written
 * so far visible, so a replace must stay invisible until whole by itself: each chunk carries its
 * replace's version, and every read (hybrid search, document matching, a document's chunks) shows
 * only the version the document's record names. Here writer B refreshes at the worst moments of
 * writer A's replace; a reader must see A's document all old or all new, never both, never part.
 */
class VersionedReplaceTest {

    private static final String PATH = "/shared/report.txt";

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static OpenSearchIndex writer(String name, String owner) {
        return OpenSearchIndex.open(ClusterIndices.connection(), name, owner, OpenSearchIndex.IndexOptions.DEFAULT);
    }

    /** {@code count} chunks of {@code path}, each text naming the generation it belongs to. */
    private static List<IndexedChunk> generation(String path, String label, int count) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[8];
            v[i % 8] = 1;
            chunks.add(new IndexedChunk(path, "Report", 1, "", i, i * 100, i * 100 + 90,
                    "zeppelin hangar inspection " + label + " part " + i, v, ""));
        }
        return chunks;
    }

    /** Writes and commits {@code count} chunks of {@code path} labelled {@code label}. */
    private static void write(OpenSearchIndex writer, String path, String label, int count) {
        writer.replaceDocument(path, generation(path, label, count));
        writer.commit();
    }

    /** The generation labels of {@code path}'s chunks as each read path shows them, with the counts. */
    private record Seen(Set<String> chunksOf, int chunksOfCount, Set<String> searched, int searchedCount, Set<String> matched,
            int matchedCount) {}

    /** One read's labels: at most one version, and if {@code whole} all its chunks (version gN has 3 + N % 5). */
    private static void check(Set<String> labels, int count, boolean whole, String read, Seen seen,
            ConcurrentLinkedQueue<String> wrong) {
        if (labels.size() > 1) wrong.add(read + " showed two versions at once: " + seen);
        if (labels.size() == 1 && whole) {
            int g = Integer.parseInt(labels.iterator().next().substring(1));
            if (count != 3 + g % 5) wrong.add(read + " showed part of version g" + g + ": " + seen);
        }
    }

    private static Seen look(OpenSearchIndex reader, String path) {
        Set<String> chunksOf = new TreeSet<>(), searched = new TreeSet<>(), matched = new TreeSet<>();
        List<Hit> own = reader.chunksOf(path);
        own.forEach(h -> chunksOf.add(label(h)));
        int searchedCount = 0;
        for (Hit h : HybridSearch.defaults(reader.searcher()).search("zeppelin hangar", null, 30)) {
            if (!h.path().equals(path)) continue;
            searched.add(label(h));
            searchedCount++;
        }
        int matchedCount = 0;
        for (DocumentMatch m : reader.searcher().matchDocuments(DocumentMatchQuery.of("zeppelin hangar", null).withPassages(20))) {
            if (!m.path().equals(path)) continue;
            m.passages().forEach(h -> matched.add(label(h)));
            matchedCount = m.matchingChunks();
        }
        return new Seen(chunksOf, own.size(), searched, searchedCount, matched, matchedCount);
    }

    private static String label(Hit h) {
        return h.text().split(" ")[3];
    }

    private static int rawChunks(String name, String path) {
        return (int) ClusterChunks.ids(ClusterIndices.connection(), name, null).stream().filter(id -> id.startsWith(path + "#")).count();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anotherWritersRefreshInTheMiddleOfAReplaceShowsOneWholeVersion() {
        String name = "versions-" + Long.toHexString(System.nanoTime());
        OpenSearchIndex a = writer(name, "writer-a");
        OpenSearchIndex b = writer(name, "writer-b");
        write(a, PATH, "old", 6);
        write(b, "/b/other.txt", "other", 2);
        OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
        assertEquals(new Seen(Set.of("old"), 6, Set.of("old"), 6, Set.of("old"), 6), look(reader, PATH));

        // A's new chunks are written; B refreshes: they are visible, but no record names them.
        a.replaceDocument(PATH, generation(PATH, "new", 4));
        b.refresh();
        assertEquals(new Seen(Set.of("old"), 6, Set.of("old"), 6, Set.of("old"), 6), look(reader, PATH),
                "the new chunks were shown before the record named them");

        // In A's refresh, between the refresh that shows all the new chunks and the records' switch.
        AtomicReference<Seen> beforeSwitch = new AtomicReference<>();
        a.beforeRecordSwitch = () -> {
            b.refresh();
            beforeSwitch.set(look(reader, PATH));
        };
        // After the switch is visible, before the old version's chunks are deleted.
        AtomicReference<Seen> afterSwitch = new AtomicReference<>();
        AtomicReference<Integer> bothVersions = new AtomicReference<>();
        a.beforeOldVersionsDeleted = () -> {
            bothVersions.set(rawChunks(name, PATH));
            afterSwitch.set(look(reader, PATH));
        };
        a.commit();
        a.beforeRecordSwitch = null;
        a.beforeOldVersionsDeleted = null;
        assertEquals(new Seen(Set.of("old"), 6, Set.of("old"), 6, Set.of("old"), 6), beforeSwitch.get());
        assertEquals(10, bothVersions.get(), "both versions are in the index at this point");
        assertEquals(new Seen(Set.of("new"), 4, Set.of("new"), 4, Set.of("new"), 4), afterSwitch.get(),
                "the old chunks were still shown after the record named the new version");
        b.refresh();
        assertEquals(4, rawChunks(name, PATH));
        assertEquals(new Seen(Set.of("new"), 4, Set.of("new"), 4, Set.of("new"), 4), look(reader, PATH));

        // A delete: shown whole until A's refresh deletes the record, then the chunks.
        a.replaceDocument(PATH, List.of());
        b.refresh();
        assertEquals(new Seen(Set.of("new"), 4, Set.of("new"), 4, Set.of("new"), 4), look(reader, PATH));
        a.commit();
        assertEquals(new Seen(Set.of(), 0, Set.of(), 0, Set.of(), 0), look(reader, PATH));
        b.refresh();
        assertEquals(0, rawChunks(name, PATH));
        assertEquals(2, rawChunks(name, "/b/other.txt"), "B's document was touched");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void chunksACrashLeftBehindAreSkippedThenDeletedAtTheWritersNextOpen() {
        String name = "versions-crash-" + Long.toHexString(System.nanoTime());
        OpenSearchIndex a = writer(name, "writer-a");
        OpenSearchIndex b = writer(name, "writer-b");
        a.replaceDocument(PATH, generation(PATH, "old", 5));
        a.replaceDocument("/a/second.txt", generation("/a/second.txt", "first", 3));
        a.commit();
        write(b, "/b/other.txt", "other", 2);

        // A "dies" in its refresh after the records' switch, before the old versions' delete ...
        a.replaceDocument("/a/second.txt", generation("/a/second.txt", "second", 2));
        a.beforeOldVersionsDeleted = () -> {
            throw new IllegalStateException("killed");
        };
        assertThrows(IllegalStateException.class, a::refresh);
        a.beforeOldVersionsDeleted = null;
        // ... and, another time, after writing new chunks, before the switch.
        a.replaceDocument(PATH, generation(PATH, "new", 3));
        a.beforeRecordSwitch = () -> {
            throw new IllegalStateException("killed");
        };
        assertThrows(IllegalStateException.class, a::refresh);
        b.refresh();
        OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
        assertEquals(new Seen(Set.of("old"), 5, Set.of("old"), 5, Set.of("old"), 5), look(reader, PATH));
        assertEquals(Set.of("second"), look(reader, "/a/second.txt").chunksOf());
        assertEquals(8, rawChunks(name, PATH));
        assertEquals(5, rawChunks(name, "/a/second.txt"));

        // A opens again: what no record names is deleted, only A's.
        OpenSearchIndex reopened = writer(name, "writer-a");
        assertEquals(5, rawChunks(name, PATH));
        assertEquals(2, rawChunks(name, "/a/second.txt"));
        assertEquals(2, rawChunks(name, "/b/other.txt"));
        assertEquals(Map.of(PATH, 5, "/a/second.txt", 2), reopened.chunkCountsByPath());
        assertEquals(new Seen(Set.of("old"), 5, Set.of("old"), 5, Set.of("old"), 5), look(reader, PATH));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void whileOneWriterReplacesAndAnotherRefreshesWithoutPauseNoReadShowsTwoVersionsAndChunksOfIsWhole() throws Exception {
        String name = "versions-race-" + Long.toHexString(System.nanoTime());
        OpenSearchIndex a = writer(name, "writer-a");
        OpenSearchIndex b = writer(name, "writer-b");
        write(a, PATH, "g0", 3);
        write(b, "/b/other.txt", "other", 2);
        OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Thread refresher = Thread.ofPlatform().start(() -> {
            while (!done.get()) b.refresh();
        });
        Thread looker = Thread.ofPlatform().start(() -> {
            int looks = 0;
            while (!done.get()) {
                Seen seen = look(reader, PATH);
                looks++;
                // Each read is its own moment: each shows one version (or none), and a read of the
                // whole document all of it. (A search's chunk read and its records' read can
                // straddle a switch that came right after another writer's refresh showed the new
                // chunks half-written: then it holds part of the new version, never two versions.)
                check(seen.chunksOf(), seen.chunksOfCount(), true, "chunksOf", seen, wrong);
                check(seen.searched(), seen.searchedCount(), false, "search", seen, wrong);
                check(seen.matched(), seen.matchedCount(), false, "matchDocuments", seen, wrong);
            }
            if (looks < 5) wrong.add("only " + looks + " looks");
        });
        for (int g = 1; g <= 40; g++) {
            a.replaceDocument(PATH, generation(PATH, "g" + g, 3 + g % 5));
            if (g % 4 == 0) a.commit();
        }
        a.commit();
        done.set(true);
        refresher.join();
        looker.join();
        assertTrue(wrong.isEmpty(), wrong.size() + " inconsistent reads, first: " + wrong.peek());
        b.refresh();
        assertEquals(3, rawChunks(name, PATH));
    }
}
