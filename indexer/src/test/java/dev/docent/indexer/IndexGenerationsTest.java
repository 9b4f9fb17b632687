package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.Hit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed recipe (here the chunk size) builds a new index generation while searches keep using
 * the old one; the switch happens when the new one is complete, and the old one is deleted.
 */
class IndexGenerationsTest extends WithRealEmbedder {

    private static final int OLD_CHUNK = 200;
    private static final int NEW_CHUNK = 40;
    /** Not the common pool: on two cores it has one thread, and the close would wait behind the sync. */
    private static final java.util.concurrent.Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);
    private static final String QUERY = "lantern harbour copper";

    @Test
    void aChunkingChangeAnswersFromTheOldGenerationUntilTheNewOneIsComplete(@TempDir Path tmp) throws Exception {
        Path docs = writeDocs(tmp.resolve("docs"), 4);
        Path data = tmp.resolve("data");
        Set<String> oldChunks;
        int oldCount;
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            assertEquals(4, indexer.sync(List.of(docs), SyncProgress.NONE).indexed());
            oldChunks = indexer.withIndex(idx -> chunkTexts(idx, indexer.documents()));
            oldCount = indexer.withIndex(idx -> idx.chunkCount());
            assertEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name(), "first run: today's layout");
        }
        assertTrue(Files.isRegularFile(data.resolve("catalog.db")));

        var gated = new GatedEmbedder(embedder, 3); // the new build embeds three chunks, then waits
        try (Indexer indexer = Indexer.open(data, gated, NEW_CHUNK)) {
            GenerationStatus before = indexer.generationStatus();
            assertNotNull(before.rebuild(), "a rebuild is due");
            assertEquals("new chunking", before.rebuild().reason());
            var sync = CompletableFuture.supplyAsync(() -> indexer.sync(List.of(docs), SyncProgress.NONE), OWN_THREAD);
            assertTrue(gated.awaitHeld(60), "the new build never reached the embedder");

            // Mid-build: searches answer from the old generation, with its chunks.
            List<Hit> during = indexer.search(QUERY, embedder.embedQuery(QUERY), 5);
            assertFalse(during.isEmpty());
            for (Hit h : during) assertTrue(oldChunks.contains(h.text()), "not an old-generation chunk: " + h.text());
            assertEquals(oldCount, (int) indexer.withIndex(idx -> idx.chunkCount()));
            assertEquals(4, indexer.status().indexed());
            GenerationStatus building = indexer.generationStatus();
            assertEquals(before.active(), building.active());
            assertTrue(building.rebuild().message().startsWith("rebuilding index for new chunking: "), building.rebuild().message());
            assertEquals(4, building.rebuild().total(), building.rebuild().toString());
            Path newDir = data.resolve(IndexGeneration.GENERATIONS_DIR).resolve(building.rebuild().generation());
            assertTrue(Files.isDirectory(newDir.resolve("index")), "the new generation is built beside the old one");

            // A reader in another "process" (read-only open: no lock) also sees the old generation.
            try (Indexer reader = Indexer.openReadOnly(data, embedder)) {
                assertEquals(oldCount, (int) reader.withIndex(idx -> idx.chunkCount()));
                // A file added and one deleted while the new generation is built are not lost.
                Files.writeString(docs.resolve("late.txt"), "A late note about the quarry and the glacier almanac.");
                Files.delete(docs.resolve("doc0.txt"));
                gated.release();
                SyncReport report = sync.get(120, TimeUnit.SECONDS);
                assertTrue(report.indexed() >= 4, report.toString());

                // Switched: new chunks answer, the old generation's files are gone.
                GenerationStatus after = indexer.generationStatus();
                assertNull(after.rebuild());
                assertEquals(building.rebuild().generation(), after.active());
                Set<String> newChunks = indexer.withIndex(idx -> chunkTexts(idx, indexer.documents()));
                assertTrue(indexer.withIndex(idx -> idx.chunkCount()) > oldCount, indexer.withIndex(idx -> idx.chunkCount()) + " vs " + oldCount);
                List<Hit> now = indexer.search(QUERY, embedder.embedQuery(QUERY), 5);
                assertFalse(now.isEmpty());
                for (Hit h : now) {
                    assertTrue(newChunks.contains(h.text()) && !oldChunks.contains(h.text()), "not a new chunk: " + h.text());
                }
                assertEquals(Set.of(docs.resolve("late.txt").toString(), docs.resolve("doc1.txt").toString(),
                        docs.resolve("doc2.txt").toString(), docs.resolve("doc3.txt").toString()), paths(indexer.documents()));
                assertFalse(Files.exists(data.resolve("catalog.db")), "old generation's catalog left behind");
                assertFalse(Files.exists(data.resolve("index")), "old generation's index left behind");
                assertEquals(IndexGeneration.GENERATIONS_DIR + "/" + after.active(),
                        Generations.readPointer(data).orElseThrow().name());

                // The reader follows the pointer to the new generation at its next search.
                assertFalse(reader.search("quarry glacier", null, 3).isEmpty(), "reader did not follow the switch");
                assertEquals((int) indexer.withIndex(idx -> idx.chunkCount()), (int) reader.withIndex(idx -> idx.chunkCount()));
            }
            try (ChunkIndex ro = ChunkIndex.openReadOnly(Generations.activeForReading(data).indexDir(data))) {
                assertEquals((int) indexer.withIndex(idx -> idx.chunkCount()), ro.chunkCount());
            }
        }
        // Reopened with the same recipe: nothing to rebuild, nothing to re-index.
        try (Indexer indexer = Indexer.open(data, embedder, NEW_CHUNK)) {
            assertNull(indexer.generationStatus().rebuild());
            SyncReport again = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, again.indexed(), again.toString());
            assertEquals(4, again.unchanged(), again.toString());
        }
    }

    @Test
    void aDataDirectoryOfTheOlderLayoutIsAdoptedAndRebuiltForTodaysExtractionWithoutReEmbedding(@TempDir Path tmp)
            throws Exception {
        Path docs = writeDocs(tmp.resolve("docs"), 3);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        // The layout before generations: catalog.db and index/ at the top, the recipe only in the
        // catalog's key, which does not record the extraction; such an index was built with the
        // first one, and extraction has changed since (extract-2: document metadata).
        Files.delete(data.resolve(Generations.POINTER));
        var counting = new CountingEmbedder(embedder);
        try (Indexer indexer = Indexer.open(data, counting)) {
            assertEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name(), "adopted as it is");
            assertFalse(indexer.search(QUERY, null, 3).isEmpty(), "the adopted index answers at once");
            assertNotNull(indexer.generationStatus().rebuild());
            assertEquals("new text extraction", indexer.generationStatus().rebuild().reason());
            SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(3, report.indexed(), report.toString());
            assertEquals(0, report.embedded(), "the embedding cache answers for every chunk: " + report);
            assertEquals(0, counting.takeCount());
            assertNull(indexer.generationStatus().rebuild(), "switched");
            assertEquals(3, indexer.count(dev.docent.indexer.catalog.DocumentQuery.all()), "the new catalog answers queries");
        }
        assertNotEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name());
        assertFalse(Files.exists(data.resolve("catalog.db")), "the adopted generation is deleted after the switch");
    }

    @Test
    void anIncompleteOrStaleGenerationIsDeletedAtOpen(@TempDir Path tmp) throws Exception {
        Path docs = writeDocs(tmp.resolve("docs"), 2);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        // A build for a recipe that is no longer configured, stopped half-way (here: closed mid-build).
        var gated = new GatedEmbedder(embedder, 1);
        String abandoned;
        try (Indexer indexer = Indexer.open(data, gated, NEW_CHUNK)) {
            abandoned = indexer.generationStatus().rebuild().generation();
            var sync = CompletableFuture.runAsync(() -> indexer.sync(List.of(docs), SyncProgress.NONE), OWN_THREAD);
            assertTrue(gated.awaitHeld(60));
            closeMidBuild(indexer, gated, sync); // the generation stays incomplete
        }
        Path stale = data.resolve(IndexGeneration.GENERATIONS_DIR).resolve(abandoned);
        assertTrue(Files.isDirectory(stale));
        Path junk = Files.createDirectories(data.resolve(IndexGeneration.GENERATIONS_DIR).resolve("0123456789ab"));
        Files.writeString(junk.resolve("catalog.db"), "half-written");
        Files.writeString(data.resolve(Generations.POINTER + ".tmp"), "dir=gener");
        // Back to the old chunk size: the old generation answers and is current; the rest goes.
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            assertNull(indexer.generationStatus().rebuild());
            assertEquals(2, indexer.status().indexed());
        }
        assertFalse(Files.exists(stale), "abandoned generation left behind");
        assertFalse(Files.exists(junk), "junk generation left behind");
        assertFalse(Files.exists(data.resolve(Generations.POINTER + ".tmp")));
        assertEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name());
    }

    @Test
    void anInterruptedBuildResumesAtTheNextOpenAndDoesNotRedoWhatItCommitted(@TempDir Path tmp) throws Exception {
        Path docs = writeDocs(tmp.resolve("docs"), 4);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        var gated = new GatedEmbedder(embedder, 35); // two files of ~16 chunks at 40 tokens, then held in the third
        try (Indexer indexer = Indexer.open(data, gated, NEW_CHUNK)) {
            var sync = CompletableFuture.runAsync(() -> indexer.sync(List.of(docs), SyncProgress.NONE), OWN_THREAD);
            assertTrue(gated.awaitHeld(60));
            closeMidBuild(indexer, gated, sync); // the generation stays incomplete
        }
        String oldActive = Generations.readPointer(data).orElseThrow().name();
        assertEquals(IndexGeneration.ROOT, oldActive, "an incomplete build never becomes active");
        try (Indexer indexer = Indexer.open(data, embedder, NEW_CHUNK)) {
            GenerationStatus resumed = indexer.generationStatus();
            assertNotNull(resumed.rebuild());
            assertTrue(resumed.rebuild().done() > 0, "what the interrupted build committed: " + resumed.rebuild());
            SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(4 - resumed.rebuild().done(), report.indexed(), "files the interrupted build had finished were redone: " + report);
            assertNull(indexer.generationStatus().rebuild());
            assertEquals(4, indexer.status().indexed());
        }
        assertNotEquals(IndexGeneration.ROOT, Generations.readPointer(data).orElseThrow().name());
    }

    @Test
    void aRebuildWhoseFoldersAreGoneDoesNotSwitchToAnEmptyGeneration(@TempDir Path tmp) throws Exception {
        Path docs = writeDocs(tmp.resolve("docs"), 2);
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder, OLD_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        Path away = Files.move(docs, tmp.resolve("unmounted"));
        try (Indexer indexer = Indexer.open(data, embedder, NEW_CHUNK)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertNotNull(indexer.generationStatus().rebuild(), "switched to a generation of no files");
            assertEquals(2, indexer.status().indexed());
            Files.move(away, docs); // back: the rebuild completes
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertNull(indexer.generationStatus().rebuild());
            assertEquals(2, indexer.status().indexed());
        }
    }

    /** Closes the indexer while its build is held at the gate, as a shutdown mid-build does. */
    private static void closeMidBuild(Indexer indexer, GatedEmbedder gated, CompletableFuture<?> sync) throws Exception {
        var closing = CompletableFuture.runAsync(indexer::close, OWN_THREAD); // sets the stop flag, waits for the sync
        Thread.sleep(300);
        gated.release(); // the held chunk finishes; the next one sees the flag and the sync stops
        closing.get(30, TimeUnit.SECONDS);
        sync.get(30, TimeUnit.SECONDS);
    }

    /** {@code n} files of several paragraphs each, so a smaller chunk size gives more chunks. */
    static Path writeDocs(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        String[] words = ("river stone harbour ledger invoice tariff orbit lantern meadow copper granite ferry "
                + "almanac quarry thimble saddle beacon furnace orchard glacier cobalt parcel").split(" ");
        var random = new java.util.Random(n);
        for (int i = 0; i < n; i++) {
            var text = new StringBuilder("Report " + i + "\n\n");
            for (int p = 0; p < 4; p++) {
                for (int s = 0; s < 6; s++) {
                    for (int w = 0; w < 12; w++) text.append(words[random.nextInt(words.length)]).append(' ');
                    text.setLength(text.length() - 1);
                    text.append(". ");
                }
                text.append("\n\n");
            }
            Files.writeString(dir.resolve("doc" + i + ".txt"), text);
        }
        return dir;
    }

    private static Set<String> chunkTexts(DocumentIndex index, List<DocumentRecord> docs) {
        Set<String> texts = new HashSet<>();
        for (DocumentRecord d : docs) for (Hit h : index.chunksOf(d.path())) texts.add(h.text());
        return texts;
    }

    private static Set<String> paths(List<DocumentRecord> docs) {
        Set<String> out = new HashSet<>();
        for (DocumentRecord d : docs) out.add(d.path());
        return out;
    }

}
