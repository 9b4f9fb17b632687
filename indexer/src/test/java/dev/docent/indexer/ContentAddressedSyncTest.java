package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents are known by their content: renames, moves, copies and touches cost no embedding, an
 * edit re-embeds only the chunks whose text changed. Counted at the real embedder.
 */
class ContentAddressedSyncTest extends WithRealEmbedder {

    private static final String[] TOPICS = {"walnut orchards", "river ferries", "copper mines", "glacier walks",
        "lantern festivals", "granite quarries", "beehive care", "saddle making", "cobalt glazes", "harbour tariffs",
        "almanac printing", "thimble collections"};

    /** A Markdown document of one short section per topic: one chunk each. */
    private static String sections(String name, int edited) {
        var sb = new StringBuilder("# " + name + "\n\n");
        for (int i = 0; i < TOPICS.length; i++) {
            sb.append("## ").append(TOPICS[i]).append("\n\n");
            sb.append("This section of ").append(name).append(" is about ").append(TOPICS[i]).append(". ");
            sb.append(i == edited ? "It was rewritten: the figures moved and a new paragraph on costs was added."
                    : "It explains the history, the people involved and the places where it happens.");
            sb.append("\n\n");
        }
        return sb.toString();
    }

    @Test
    void renameMoveCopyAndTouchCostNoEmbedding(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("guide.md"), sections("the guide", -1));
        Files.writeString(docs.resolve("notes.txt"), "Notes on the walnut harvest.\n\nThe press runs in October.");
        Files.writeString(docs.resolve("memo.txt"), "A memo about the quarry road and its closure in spring.");
        var counting = new CountingEmbedder(embedder);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), counting)) {
            SyncReport first = indexer.sync(List.of(docs), SyncProgress.NONE);
            int chunks = indexer.withIndex(idx -> idx.chunkCount());
            assertEquals(chunks, counting.takeCount(), "first sync embeds every chunk");
            assertEquals(chunks, first.embedded());
            List<IndexedChunk> guide = indexer.withIndex(idx -> idx.storedChunksOf(docs.resolve("guide.md").toString()));
            assertTrue(guide.size() >= TOPICS.length, "one chunk per section at least");

            // Rename.
            Files.move(docs.resolve("guide.md"), docs.resolve("handbook.md"));
            SyncReport renamed = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, counting.takeCount(), "a rename embeds nothing");
            assertEquals(1, renamed.reused(), renamed.toString());
            assertEquals(0, renamed.removed(), renamed.toString());
            assertEquals(0, renamed.indexed(), renamed.toString());
            assertOnlyAt(indexer, "glacier walks", docs.resolve("handbook.md"));
            List<IndexedChunk> moved = indexer.withIndex(idx -> idx.storedChunksOf(docs.resolve("handbook.md").toString()));
            assertEquals(guide.size(), moved.size());
            for (int i = 0; i < guide.size(); i++) {
                assertEquals(guide.get(i).text(), moved.get(i).text());
                assertArrayEquals(guide.get(i).vector(), moved.get(i).vector(), "vector of chunk " + i + " kept");
            }
            assertEquals(chunks, (int) indexer.withIndex(idx -> idx.chunkCount()));

            // Move into another folder.
            Path sub = Files.createDirectories(docs.resolve("archive"));
            Files.move(docs.resolve("notes.txt"), sub.resolve("notes.txt"));
            SyncReport movedReport = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, counting.takeCount(), "a move embeds nothing");
            assertEquals(1, movedReport.reused(), movedReport.toString());
            assertOnlyAt(indexer, "press October", sub.resolve("notes.txt"));

            // Copy: both copies are found, the copy cost no embedding.
            Files.copy(docs.resolve("memo.txt"), sub.resolve("memo-copy.txt"));
            SyncReport copied = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, counting.takeCount(), "a copy embeds nothing");
            assertEquals(1, copied.reused(), copied.toString());
            Set<String> memoPaths = new HashSet<>();
            for (Hit h : indexer.search("road closure spring", null, 10)) memoPaths.add(h.path());
            assertEquals(Set.of(docs.resolve("memo.txt").toString(), sub.resolve("memo-copy.txt").toString()), memoPaths);
            DocumentRecord copy = record(indexer, sub.resolve("memo-copy.txt"));
            assertEquals("memo-copy.txt", copy.title(), "a title that was the file name follows the file");

            // Touch: a new mtime, the same content.
            Files.setLastModifiedTime(docs.resolve("handbook.md"), FileTime.from(Instant.now().plusSeconds(7)));
            SyncReport touched = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(0, counting.takeCount(), "a touch embeds nothing");
            assertEquals(4, touched.unchanged(), touched.toString());
            assertEquals(4, indexer.documents().size());
        }
    }

    @Test
    void anEditedParagraphReEmbedsOnlyItsChunksEvenAfterARename(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path file = docs.resolve("long.md");
        Files.writeString(file, sections("the long document", -1));
        var counting = new CountingEmbedder(embedder);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), counting)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            // Renamed first: its title (the file name) changes, its chunks keep the vectors they
            // were embedded with, and the edit must still re-embed only what changed.
            Path renamed = docs.resolve("longer.md");
            Files.move(file, renamed);
            file = renamed;
            indexer.sync(List.of(docs), SyncProgress.NONE);
            String longer = file.toString();
            List<IndexedChunk> before = indexer.withIndex(idx -> idx.storedChunksOf(longer));
            assertEquals(0, counting.takeCount() - before.size(), "the rename embedded nothing");

            Files.writeString(file, sections("the long document", 5));
            SyncReport edited = indexer.sync(List.of(docs), SyncProgress.NONE);
            List<IndexedChunk> after = indexer.withIndex(idx -> idx.storedChunksOf(longer));
            Set<String> oldTexts = new HashSet<>();
            for (IndexedChunk c : before) oldTexts.add(c.heading() + "\n" + c.text());
            long changed = after.stream().filter(c -> !oldTexts.contains(c.heading() + "\n" + c.text())).count();
            assertEquals(1, changed, "the edit touches one section's chunk");
            assertEquals(changed, counting.takeCount(), "only the changed chunk is embedded");
            assertEquals(changed, edited.embedded());
            assertTrue(after.size() > 10);
            assertEquals(file.toString(), indexer.search("new paragraph on costs", null, 1)
                    .getFirst().path());
        }
    }

    @Test
    void anotherModelDoesNotUseTheCacheButAnotherChunkingDoes(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("long.md"), sections("the long document", -1));
        Path data = tmp.resolve("data");
        int chunks;
        try (Indexer indexer = Indexer.open(data, new CountingEmbedder(embedder))) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            chunks = indexer.withIndex(idx -> idx.chunkCount());
        }
        // The same weights under another model id: the cache must not answer for it.
        var renamedModel = new CountingEmbedder(embedder, embedder.modelName() + "-other");
        try (Indexer indexer = Indexer.open(data, renamedModel)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(chunks, (int) indexer.withIndex(idx -> idx.chunkCount()));
            assertEquals(chunks, renamedModel.takeCount(), "a model change re-embeds every chunk");
        }
        // Back to the first model with a chunking change: the index is rebuilt, but every chunk
        // whose text is the same (here all of them: each section is shorter than either budget)
        // comes from the cache.
        var sameModel = new CountingEmbedder(embedder);
        try (Indexer indexer = Indexer.open(data, sameModel, 300)) {
            SyncReport r = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, r.indexed(), r.toString());
            assertEquals(chunks, (int) indexer.withIndex(idx -> idx.chunkCount()));
            assertEquals(0, sameModel.takeCount(), "unchanged chunk texts are not embedded again");
        }
    }

    @Test
    void cachedVectorsNoChunkUsesAreEvicted(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 4; i++) Files.writeString(docs.resolve("f" + i + ".md"), sections("file " + i, -1));
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder)) {
            indexer.cacheSlack(0);
            indexer.sync(List.of(docs), SyncProgress.NONE);
            int all = indexer.withIndex(idx -> idx.chunkCount());
            for (int i = 1; i < 4; i++) Files.delete(docs.resolve("f" + i + ".md"));
            indexer.sync(List.of(docs), SyncProgress.NONE);
            int left = indexer.withIndex(idx -> idx.chunkCount());
            assertEquals(all, 4 * left);
        }
        try (var cache = EmbeddingCache.open(data.resolve(EmbeddingCache.FILE))) {
            assertEquals(TOPICS.length, cache.size(), "only the vectors of the remaining file's chunks are kept");
        }
    }

    private static DocumentRecord record(Indexer indexer, Path path) {
        return indexer.documents().stream().filter(d -> d.path().equals(path.toString())).findFirst().orElseThrow();
    }

    /** The words are found, and only under {@code path}. */
    private static void assertOnlyAt(Indexer indexer, String words, Path path) {
        List<Hit> hits = indexer.search(words, null, 10);
        assertTrue(!hits.isEmpty(), "'" + words + "' not found");
        for (Hit h : hits) assertEquals(path.toString(), h.path(), "'" + words + "' found under an old path");
        assertTrue(indexer.documents().stream().anyMatch(d -> d.path().equals(path.toString())));
    }
}
