package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.retriever.fusion.HybridSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index generations on the cluster: a changed recipe (here the chunk size) is built into a new
 * cluster index while the alias still names the old one, and the alias moves in one request when
 * the new one is complete; a reader on the alias finds the documents before, during and after.
 * A switch a crash cut between the pointer's write and the alias's move is repeated at the next open.
 */
class AliasGenerationTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static Indexer open(Path data, String name, int chunkTokens) {
        return Indexer.open(data, new HashEmbedder(), chunkTokens, IndexingLimits.defaults(),
                new ClusterStorage(ClusterIndices.connection(), name, "alias-test", OpenSearchIndex.IndexOptions.DEFAULT));
    }

    private static String aliasTarget(String alias) {
        var answer = ClusterIndices.connection().call("GET", "/_alias/" + alias, null, null);
        assertEquals(1, answer.size(), "the alias names one index: " + answer);
        return answer.fieldNames().next();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRebuildMovesTheAliasOnlyWhenCompleteAndAnInterruptedSwitchIsRepeated(@TempDir Path tmp) throws Exception {
        String name = "gen-" + Long.toHexString(System.nanoTime());
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        StringBuilder ledger = new StringBuilder("# Ledger\n\n");
        for (int i = 0; i < 200; i++) ledger.append("The quarry ledger line ").append(i).append(" records timber and walrus survey costs. ");
        Files.writeString(docs.resolve("ledger.md"), ledger);
        Files.writeString(docs.resolve("harbour.md"), "# Harbour\n\nThe harbour cranes arrived in May.");
        Path data = tmp.resolve("data");
        try (Indexer first = open(data, name, 400)) {
            first.sync(List.of(docs), SyncProgress.NONE);
        }
        String before = aliasTarget(name);
        String beforeDocuments = aliasTarget(name + "-documents");
        assertEquals(before + "-documents", beforeDocuments);
        OpenSearchIndex reader = OpenSearchIndex.openReadOnly(ClusterIndices.connection(), name);
        HybridSearch search = HybridSearch.defaults(reader.searcher());
        int chunksBefore = reader.chunkCount();
        assertFalse(search.search("cranes", null, 3).isEmpty());

        try (Indexer second = open(data, name, 120)) { // another recipe: a new generation is built
            assertEquals(before, aliasTarget(name), "the alias moved before the new generation was built");
            assertTrue(second.generationStatus().rebuild() != null, "a rebuild is under way");
            assertFalse(search.search("cranes", null, 3).isEmpty(), "the reader lost the old generation during the build");
            second.sync(List.of(docs), SyncProgress.NONE);
            String after = aliasTarget(name);
            assertNotEquals(before, after);
            assertEquals(after + "-documents", aliasTarget(name + "-documents"));
            assertTrue(reader.chunkCount() > chunksBefore, "smaller chunks, more of them, through the same alias: "
                    + reader.chunkCount() + " vs " + chunksBefore);
            assertFalse(search.search("cranes", null, 3).isEmpty());

            // A read-only server compares its embedding model with the recipe the alias's index records:
            // another chunk size is fine, another model is not (its query vectors would mean nothing there).
            var storage = new ClusterStorage(ClusterIndices.connection(), name, "reader", OpenSearchIndex.IndexOptions.DEFAULT);
            var hash = new HashEmbedder();
            var sameModel = dev.docent.indexer.generation.Recipe.current(hash.modelName(), hash.dimensions(), 300, "any");
            assertTrue(storage.openShared(sameModel).orElseThrow().vectorsUsable());
            var otherModel = dev.docent.indexer.generation.Recipe.current("other-model", hash.dimensions(), 120, "any");
            assertFalse(storage.openShared(otherModel).orElseThrow().vectorsUsable());

            // A crash between the pointer's write and the alias's move: put the alias back, reopen.
            OpenSearchIndex.pointAlias(ClusterIndices.connection(), name, OpenSearchIndex.openReadOnly(ClusterIndices.connection(), before));
            assertEquals(before, aliasTarget(name));
        }
        String repaired;
        try (Indexer third = open(data, name, 120)) {
            repaired = aliasTarget(name);
        }
        assertNotEquals(before, repaired, "reopening did not repeat the switch");
    }
}
