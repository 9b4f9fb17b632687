package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.VectorFeedback;
import dev.docent.retriever.fusion.Fusions;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalModesTest {

    @Test
    void specsWithCommasInsideParenthesesStayWhole() {
        assertEquals(List.of("bm25", "convex(vector=0.6,norm=zscore)", "rrf(k=20)"),
                EvalModes.split("bm25, convex(vector=0.6,norm=zscore),rrf(k=20),"));
    }

    @Test
    void hybridIsTheDefaultFusionAndIsNotRepeatedUnderItsSpec() {
        var modes = EvalModes.parse("hybrid," + HybridSearch.DEFAULT_FUSION + "+" + HybridSearch.DEFAULT_FEEDBACK + ",bm25,"
                + HybridSearch.DEFAULT_FUSION);
        assertEquals(List.of("hybrid", "bm25", HybridSearch.DEFAULT_FUSION), modes.stream().map(BeirEvaluator.Mode::name).toList());
        assertEquals(Fusions.parse(HybridSearch.DEFAULT_FUSION), modes.getFirst().fusion());
        assertEquals(VectorFeedback.parse(HybridSearch.DEFAULT_FEEDBACK), modes.getFirst().feedback());
        assertEquals(VectorFeedback.NONE, modes.get(1).feedback());
        assertEquals("rrf(k=20)+prf(docs=2,weight=0.5)", EvalModes.parse("rrf(k=20)+prf(docs=2,weight=0.5)").getFirst().spec());
        assertEquals("hybrid", EvalModes.standard().getLast().name());
        assertThrows(IllegalArgumentException.class, () -> EvalModes.parse("bm26"));
    }
}
