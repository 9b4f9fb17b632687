package dev.docent.retriever;

import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.docent.retriever.fusion.Fusions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search /ask runs: fusion plus feedback on the query vector, over a real index. */
class HybridSearchTest {

    @TempDir
    Path dir;

    private static IndexedChunk chunk(String path, String text, float[] v) {
        return new IndexedChunk(path, "", 0, "", 0, 0, text.length(), text, SearcherContractTest.normalise(v));
    }

    @Test
    void feedbackMovesTheQueryTowardsTheBestChunksAndHitsKeepTheQuestionsOwnCosine() {
        try (var index = ChunkIndex.open(dir)) {
            // Two chunks on the topic sit near (1, 1, 0); the question vector (1, 0, 0) is a little
            // closer to an off-topic chunk at (1, -0.9, 0), which ranks second without feedback.
            index.replaceDocument("/on1", List.of(chunk("/on1", "pump", new float[] {1, 0.5f, 0})));
            index.replaceDocument("/on2", List.of(chunk("/on2", "pump", new float[] {1, 1.1f, 0})));
            index.replaceDocument("/off", List.of(chunk("/off", "valve", new float[] {1, -0.6f, 0.2f})));
            index.replaceDocument("/far", List.of(chunk("/far", "valve", new float[] {0, 0, 1})));
            index.commit();
            float[] question = {1, 0, 0};
            var fusion = Fusions.parse("vector");
            var plain = new HybridSearch(index.searcher(), fusion, 10).search(null, question, 3);
            assertEquals(List.of("/on1", "/off", "/on2"), plain.stream().map(Hit::path).toList());
            var moved = new HybridSearch(index.searcher(), fusion, 10, new VectorFeedback(1, 1)).search(null, question, 3);
            assertEquals(List.of("/on1", "/on2", "/off"), moved.stream().map(Hit::path).toList());
            for (Hit h : moved) {
                Hit same = plain.stream().filter(p -> p.path().equals(h.path())).findFirst().orElseThrow();
                assertEquals(same.cosine(), h.cosine(), 1e-6, "cosine is the question's, not the moved query's");
            }
            assertNotEquals(plain.get(1).score(), moved.get(1).score());
        }
    }

    @Test
    void aQuestionIsRankedWithTheFusionForItsLength() {
        try (var index = ChunkIndex.open(dir)) {
            // "/words" shares the question's words, "/meaning" sits on its vector: BM25 puts the
            // first on top, the cosine the second.
            index.replaceDocument("/words", List.of(chunk("/words", "pump pressure valve seal", new float[] {0, 1, 0})));
            index.replaceDocument("/meaning", List.of(chunk("/meaning", "hydraulics", new float[] {1, 0.1f, 0})));
            index.replaceDocument("/other", List.of(chunk("/other", "canteen", new float[] {0, 0, 1})));
            index.commit();
            float[] question = {1, 0, 0};
            // Short questions: BM25 only; from 4 words on: vector only.
            var search = new HybridSearch(index.searcher(), new dev.docent.retriever.fusion.QueryLengthFusion(0, 1, 3, 4), 10);
            assertEquals("/words", search.search("pump pressure", question, 1).getFirst().path());
            assertEquals("/meaning", search.search("pump pressure valve seal", question, 1).getFirst().path());
        }
    }

    @Test
    void refineIsTheNormalisedRocchioSum() {
        var f = new VectorFeedback(2, 0.5);
        float[] q = f.refine(new float[] {1, 0}, List.of(new float[] {0, 1}, new float[] {0, 1}));
        // (1, 0) + 0.5 * (0, 1) = (1, 0.5), normalised
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(1.25)), (float) (0.5 / Math.sqrt(1.25))}, q, 1e-6f);
    }

    @Test
    void specsReadBack() {
        assertEquals(new VectorFeedback(2, 1), VectorFeedback.parse("prf(docs=2,weight=1)"));
        assertEquals("prf(docs=2,weight=0.5)", VectorFeedback.parse("prf(docs=2,weight=0.5)").toString());
        assertEquals(VectorFeedback.NONE, VectorFeedback.parse("none"));
        assertEquals(VectorFeedback.parse(HybridSearch.DEFAULT_FEEDBACK).toString(), HybridSearch.DEFAULT_FEEDBACK);
        assertEquals(Fusions.parse(HybridSearch.DEFAULT_FUSION).toString(), HybridSearch.DEFAULT_FUSION);
        assertThrows(IllegalArgumentException.class, () -> VectorFeedback.parse("prf(docs=two)"));
    }
}
