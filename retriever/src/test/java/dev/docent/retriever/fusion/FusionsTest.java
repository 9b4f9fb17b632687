package dev.docent.retriever.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FusionsTest {

    @Test
    void specsWithDefaultsAndParameters() {
        assertEquals(ReciprocalRankFusion.plain(60), Fusions.parse("rrf"));
        assertEquals(ReciprocalRankFusion.plain(20), Fusions.parse(" RRF(k=20) "));
        assertEquals(ReciprocalRankFusion.plain(60), Fusions.parse("wrrf(vector=0.5)"));
        assertEquals(new ConvexCombination(0.5, ConvexCombination.Normalisation.MINMAX), Fusions.parse("convex"));
        assertEquals("convex(vector=0.65,norm=zscore)", Fusions.parse("convex(norm=zscore,vector=0.65)").toString());
        assertEquals(SingleRetriever.VECTOR, Fusions.parse("vector"));
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> Fusions.parse("borda"));
        assertTrue(e.getMessage().contains("known: bm25, vector, rrf, wrrf, convex"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("convex(vector=1.5)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("convex(weight=0.5)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("convex(norm=softmax)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("rrf(k=zero)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("rrf(k=0)"));
    }
}
