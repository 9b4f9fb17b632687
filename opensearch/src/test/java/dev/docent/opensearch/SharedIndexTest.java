package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.fusion.HybridSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two indexers on their own folders (and data directories, so catalogs) write one cluster index,
 * each as its own owner, and a read-only reader searching the alias answers from both. Each
 * reconciles only its own documents: orphans it left are deleted, rows whose chunks went missing
 * are indexed again, and the other writer's documents are never touched.
 */
class SharedIndexTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static ClusterStorage storage(String name, String owner) {
        return new ClusterStorage(ClusterIndices.connection(), name, owner, OpenSearchIndex.IndexOptions.DEFAULT);
    }

    private static Indexer open(Path data, ClusterStorage storage) {
        return Indexer.open(data, new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults(), storage);
    }

    private static Set<String> paths(List<Hit> hits) {
        return hits.stream().map(Hit::path).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoWritersOneReaderEachOwnerReconcilesOnlyItsOwn(@TempDir Path tmp) throws Exception {
        String name = "shared-" + Long.toHexString(System.nanoTime());
        Path docsA = Files.createDirectories(tmp.resolve("a-docs"));
        Path docsB = Files.createDirectories(tmp.resolve("b-docs"));
        Files.writeString(docsA.resolve("harbour.txt"), "The harbour cranes were delivered in May by Calder Logistics.");
        Files.writeString(docsA.resolve("canteen.txt"), "The canteen serves lentil soup on Fridays.");
        Files.writeString(docsB.resolve("fleet.txt"), "Fleet electrification: twelve battery trucks ordered from Calder.");
        Files.writeString(docsB.resolve("travel.txt"), "Travel policy: economy class for flights under six hours.");
        ClusterStorage a = storage(name, "writer-a");
        ClusterStorage b = storage(name, "writer-b");
        try (Indexer writerA = open(tmp.resolve("a-data"), a); Indexer writerB = open(tmp.resolve("b-data"), b)) {
            assertEquals(2, writerA.sync(List.of(docsA), SyncProgress.NONE).indexed());
            assertEquals(2, writerB.sync(List.of(docsB), SyncProgress.NONE).indexed());

            // A reader on the alias: both writers' documents, no catalog of its own.
            OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
            assertTrue(reader.readOnly());
            HybridSearch search = HybridSearch.defaults(reader.searcher());
            assertEquals(Set.of(docsA.resolve("harbour.txt").toString(), docsB.resolve("fleet.txt").toString()),
                    paths(search.search("Calder", null, 10)));
            assertEquals(4, reader.chunkCount());
            // Each writer searches the whole shared index too.
            assertEquals(paths(search.search("Calder", null, 10)), paths(writerA.search("Calder", null, 10)));

            // A deletes a file: gone for everyone, B's documents stay.
            Files.delete(docsA.resolve("canteen.txt"));
            assertEquals(1, writerA.sync(List.of(docsA), SyncProgress.NONE).removed());
            reader.refresh();
            assertTrue(search.search("lentil soup", null, 5).isEmpty(), "a deleted file is still found");
            assertEquals(3, reader.chunkCount());
        }

        // While A is stopped: an orphan of A's in the cluster (no catalog row), and one of A's files
        // losing its chunks; one of B's documents that A must never touch.
        OpenSearchIndex rawA = (OpenSearchIndex) a.openWritable(tmp.resolve("a-data"), currentGeneration(tmp.resolve("a-data")));
        String orphan = docsA.resolve("never-catalogued.txt").toString();
        rawA.replaceDocument(orphan, List.of(new IndexedChunk(orphan, "x", 0, "", 0, 0, 5, "orphan zeppelin text", new HashEmbedder().embedPassage("orphan"))));
        rawA.deleteDocument(docsA.resolve("harbour.txt").toString());
        rawA.commit();
        List<String> bBefore = ClusterChunks.ids(ClusterIndices.connection(), name, "writer-b");
        assertEquals(2, bBefore.size());

        try (Indexer writerA = open(tmp.resolve("a-data"), a)) {
            // Reopening reconciled: the orphan is gone, harbour.txt is pending again, B untouched.
            List<String> aIds = ClusterChunks.ids(ClusterIndices.connection(), name, "writer-a");
            assertFalse(aIds.stream().anyMatch(id -> id.startsWith(orphan)), "orphan kept: " + aIds);
            assertEquals(DocumentStatus.PENDING, writerA.documents().stream()
                    .filter(r -> r.path().endsWith("harbour.txt")).findFirst().orElseThrow().status());
            assertEquals(bBefore, ClusterChunks.ids(ClusterIndices.connection(), name, "writer-b"));
            assertEquals(1, writerA.sync(List.of(docsA), SyncProgress.NONE).indexed());
            assertEquals(List.of(docsA.resolve("harbour.txt") + "#0"), ClusterChunks.ids(ClusterIndices.connection(), name, "writer-a"));
        }
    }

    /** The generation the data directory's pointer names. */
    private static dev.docent.indexer.generation.IndexGeneration currentGeneration(Path data) {
        return dev.docent.indexer.generation.Generations.readPointer(data).orElseThrow();
    }
}
