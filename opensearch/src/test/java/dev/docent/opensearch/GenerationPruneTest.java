package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.retriever.fusion.HybridSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old generations on the cluster: a recipe change leaves two; pruning deletes the old one only
 * once it is quiet and every writer of it has committed to the active one (or when forced), never
 * the one the alias names nor one being built; a reader on the alias answers throughout.
 */
class GenerationPruneTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static Indexer open(Path data, String name, String owner, int chunkTokens) {
        return Indexer.open(data, new HashEmbedder(), chunkTokens, IndexingLimits.defaults(),
                new ClusterStorage(ClusterIndices.connection(), name, owner, OpenSearchIndex.IndexOptions.DEFAULT));
    }

    private static void sync(Path data, String name, String owner, int chunkTokens, Path folder) {
        try (Indexer indexer = open(data, name, owner, chunkTokens)) {
            indexer.sync(List.of(folder), SyncProgress.NONE);
            assertNull(indexer.generationStatus().rebuild(), "the rebuild did not complete");
        }
    }

    private static String aliasTarget(String alias) {
        return ClusterIndices.connection().call("GET", "/_alias/" + alias, null, null).fieldNames().next();
    }

    private static boolean exists(String index) {
        return ClusterIndices.connection().callOrNull("HEAD", "/" + index, null, null) != null;
    }

    private static ClusterGeneration.Writer writer(ClusterGeneration g, String owner) {
        return g.writers().stream().filter(w -> w.owner().equals(owner)).findFirst().orElseThrow(() -> new AssertionError(owner + " in " + g));
    }

    private static ClusterGenerations.Outcome outcome(List<ClusterGenerations.Outcome> outcomes, String index) {
        return outcomes.stream().filter(o -> o.generation().index().equals(index)).findFirst().orElseThrow();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theOldGenerationGoesOnlyWhenQuietAndEveryWriterMovedAndNeverTheActiveOne(@TempDir Path tmp) throws Exception {
        String name = "prune-" + Long.toHexString(System.nanoTime());
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("harbour.md"), "# Harbour\n\nThe harbour cranes arrived in May. " + "Quay wall survey. ".repeat(150));
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("quarry.md"), "# Quarry\n\nThe quarry ledger records timber costs. " + "Walrus survey. ".repeat(150));
        Path mainData = tmp.resolve("main");
        Path laggingData = tmp.resolve("lagging");

        sync(laggingData, name, "lagging", 400, other); // two writers on recipe A
        sync(mainData, name, "main", 400, docs);
        String old = aliasTarget(name);
        sync(mainData, name, "main", 120, docs); // main changes its recipe: generation B, the alias moves
        String active = aliasTarget(name);
        assertNotEquals(old, active);

        var generations = new ClusterGenerations(ClusterIndices.connection(), name);
        List<ClusterGeneration> listed = generations.list();
        assertEquals(List.of(old, active), listed.stream().map(ClusterGeneration::index).toList(), "a recipe change leaves two generations");
        ClusterGeneration a = listed.get(0);
        assertFalse(a.active());
        assertTrue(listed.get(1).active());
        assertEquals(1, writer(a, "main").documents());
        assertTrue(writer(a, "main").movedToActive(), "main committed to the active generation after its last commit in the old one");
        assertFalse(writer(a, "lagging").movedToActive(), "lagging never wrote the active generation");
        assertTrue(a.chunks() > 0 && a.bytes() > 0, a.toString());
        assertTrue(a.recipe().contains("chunk_tokens=400"), a.recipe());

        OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
        HybridSearch search = HybridSearch.defaults(reader.searcher());
        assertFalse(search.search("cranes", null, 3).isEmpty());

        // Just written, and a writer still on it: kept, with both reasons.
        Instant now = Instant.now();
        var kept = outcome(generations.prune(now, false), old);
        assertFalse(kept.deleted());
        assertTrue(kept.refusals().stream().anyMatch(r -> r.startsWith("written")), kept.refusals().toString());
        assertTrue(kept.refusals().stream().anyMatch(r -> r.contains("lagging") && !r.contains("main")), kept.refusals().toString());
        // Quiet, but lagging still answers from it: kept.
        Instant later = now.plus(Duration.ofHours(2));
        kept = outcome(generations.prune(later, false), old);
        assertFalse(kept.deleted());
        assertEquals(1, kept.refusals().size(), kept.refusals().toString());
        assertTrue(exists(old) && exists(old + "-documents"));

        // A third recipe being built (opened, not synced): newer than the active one, kept.
        String building;
        try (Indexer third = open(mainData, name, "main", 60)) {
            assertTrue(third.generationStatus().rebuild() != null);
            building = generations.list().getLast().index();
        }
        assertNotEquals(active, building);

        sync(laggingData, name, "lagging", 120, other); // lagging moves too: the old generation is free
        List<ClusterGenerations.Outcome> pruned = generations.prune(Instant.now().plus(Duration.ofHours(2)), false);
        assertTrue(outcome(pruned, old).deleted(), outcome(pruned, old).refusals().toString());
        assertFalse(exists(old) || exists(old + "-documents"), "the old generation's indices are still there");
        assertFalse(outcome(pruned, active).deleted());
        assertFalse(outcome(pruned, building).deleted());
        assertTrue(outcome(pruned, building).refusals().stream().anyMatch(r -> r.startsWith("newer than the active")),
                outcome(pruned, building).refusals().toString());

        // Forced: the build in progress goes, the active generation and its alias never do.
        pruned = generations.prune(Instant.now().plus(Duration.ofHours(2)), true);
        assertTrue(outcome(pruned, building).deleted());
        assertFalse(outcome(pruned, active).deleted());
        assertEquals(active, aliasTarget(name));
        assertEquals(active + "-documents", aliasTarget(name + "-documents"));
        assertEquals(List.of(active), generations.list().stream().map(ClusterGeneration::index).toList());
        assertFalse(search.search("cranes", null, 3).isEmpty(), "the reader on the alias stopped answering");
        assertFalse(search.search("quarry", null, 3).isEmpty());
    }
}
