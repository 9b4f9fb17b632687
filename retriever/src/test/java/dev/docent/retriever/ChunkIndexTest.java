package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkIndexTest {

    @TempDir
    Path dir;

    static float[] unit(int dims, int hot) {
        float[] v = new float[dims];
        v[hot] = 1f;
        return v;
    }

    static IndexedChunk chunk(String path, int page, int ordinal, String text, float[] v) {
        return new IndexedChunk(path, "Title of " + path, page, "Heading", ordinal, 10, 10 + text.length(), text, v);
    }

    @Test
    void bm25FindsTheChunkWithTheWordsAndReturnsCitationData() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a.pdf", List.of(
                    chunk("/a.pdf", 1, 0, "The cafeteria opens at seven.", unit(8, 0)),
                    chunk("/a.pdf", 2, 1, "Parking permits are renewed in January.", unit(8, 1))));
            index.replaceDocument("/b.txt", List.of(chunk("/b.txt", 0, 0, "Nothing relevant here.", unit(8, 2))));
            index.commit();
            assertEquals(List.of(0, 1), index.chunksOf("/a.pdf").stream().map(Hit::ordinal).toList());
            assertTrue(index.chunksOf("/missing").isEmpty());
            List<Hit> hits = index.search("when are parking permits renewed", null, 3, SearchMode.BM25);
            Hit top = hits.getFirst();
            assertEquals("/a.pdf", top.path());
            assertEquals(2, top.page());
            assertEquals(1, top.ordinal());
            assertEquals("Title of /a.pdf", top.title());
            assertEquals("Heading", top.heading());
            assertEquals(10, top.startOffset());
            assertEquals("Parking permits are renewed in January.", top.text());
            assertTrue(top.bm25() > 0 && top.score() == top.bm25(), "BM25 alone ranks by the raw BM25 score: " + top);
        }
    }

    @Test
    void replacingADocumentRemovesItsOldChunks() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a.txt", List.of(chunk("/a.txt", 0, 0, "old walrus text", unit(4, 0))));
            index.commit();
            index.replaceDocument("/a.txt", List.of(chunk("/a.txt", 0, 0, "new narwhal text", unit(4, 0))));
            index.commit();
            assertEquals(1, index.chunkCount());
            assertTrue(index.search("walrus", null, 5, SearchMode.BM25).isEmpty());
            assertEquals(1, index.search("narwhal", null, 5, SearchMode.BM25).size());
            index.deleteDocument("/a.txt");
            index.commit();
            assertEquals(0, index.chunkCount());
        }
    }

    @Test
    void theIndexSurvivesAReopen() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a.txt", List.of(chunk("/a.txt", 0, 0, "persistent zebra", unit(4, 3))));
            index.commit();
        }
        try (var index = ChunkIndex.open(dir)) {
            assertEquals(1, index.chunkCount());
            assertEquals("/a.txt", index.search(null, unit(4, 3), 1, SearchMode.VECTOR).getFirst().path());
        }
    }

    @Test
    void hybridPutsTheChunkThatBothRankingsLikeFirst() {
        try (var index = ChunkIndex.open(dir)) {
            // "lexical" wins BM25 only, "semantic" wins kNN only, "both" is second in each.
            index.replaceDocument("/lexical", List.of(chunk("/lexical", 0, 0, "orchard robot orchard robot battery", unit(3, 2))));
            index.replaceDocument("/semantic", List.of(chunk("/semantic", 0, 0, "unrelated words", new float[] {1, 0, 0})));
            index.replaceDocument("/both", List.of(chunk("/both", 0, 0, "orchard robot", normalise(new float[] {0.9f, 0.1f, 0}))));
            // Fillers push "/lexical" (orthogonal to the query vector) to the bottom of the kNN list.
            for (int i = 0; i < 5; i++) {
                index.replaceDocument("/filler" + i, List.of(chunk("/filler" + i, 0, 0, "filler", normalise(new float[] {0.5f, 0.5f, 0.7f}))));
            }
            index.commit();
            List<Hit> hits = index.search("orchard robot battery", new float[] {1, 0, 0}, 3);
            assertEquals("/both", hits.getFirst().path(), hits.toString());
            assertEquals(3, hits.size());
        }
    }

    @Test
    void aQueryOfOnlyStopWordsReturnsNothingFromBm25() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a", List.of(chunk("/a", 0, 0, "the and of", unit(2, 0))));
            index.commit();
            assertTrue(index.search("the of and", null, 5, SearchMode.BM25).isEmpty());
        }
    }

    static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.sqrt(s));
        return out;
    }
}
