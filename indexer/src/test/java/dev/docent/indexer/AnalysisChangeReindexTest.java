package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.generation.Generations;
import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written with an older BM25 analysis (here: a data directory from before generations) is
 * rebuilt as a new generation, as its terms no longer match the queries'.
 */
class AnalysisChangeReindexTest {

    @Test
    void anIndexFromAnotherAnalysisVersionIsRebuilt(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path data = tmp.resolve("data");
        Files.writeString(docs.resolve("de.txt"), "Die Mitarbeiter tragen in der Halle immer Sicherheitsschuhe und eine Schutzbrille.");
        Files.writeString(docs.resolve("en.txt"), "Alpacas graze on the upper meadow.");
        try (Embedder embedder = Embedders.defaultModel(2)) {
            try (Indexer indexer = Indexer.open(data, embedder)) {
                assertEquals(2, indexer.sync(List.of(docs), SyncProgress.NONE).indexed());
            }
            // What an index written before the analysis entered the key (or under another version) holds,
            // in the layout of before generations (no pointer file).
            java.nio.file.Files.delete(data.resolve(Generations.POINTER));
            String key;
            try (Catalog catalog = Catalog.open(data.resolve("catalog.db"))) {
                key = catalog.meta("embedding_model").orElseThrow();
                assertTrue(key.endsWith("/" + ChunkIndex.ANALYSIS_VERSION), key);
                catalog.setMeta("embedding_model", key.substring(0, key.lastIndexOf('/')));
            }
            try (Indexer indexer = Indexer.open(data, embedder)) {
                // (A layout of before generations also predates today's extraction version: "... and text extraction".)
                String reason = indexer.generationStatus().rebuild().reason();
                assertTrue(reason.startsWith("new text analysis"), reason);
                SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
                assertEquals(2, report.indexed(), report.toString());
                assertEquals(0, report.unchanged(), report.toString());
                assertFalse(indexer.search("sicherheitsschuh", null, 1).isEmpty());
            }
            // Rebuilt as a new generation, which now answers; the old one is gone.
            assertFalse(Files.exists(data.resolve("catalog.db")));
            try (Catalog catalog = Catalog.open(Generations.activeForReading(data).catalogFile(data))) {
                assertEquals(key, catalog.meta("embedding_model").orElseThrow());
            }
            // Same version again: nothing to do.
            try (Indexer indexer = Indexer.open(data, embedder)) {
                assertEquals(2, indexer.sync(List.of(docs), SyncProgress.NONE).unchanged());
            }
        }
    }
}
