package dev.docent.retriever.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.Fusion;
import dev.docent.retriever.Words;
import org.junit.jupiter.api.Test;

/**
 * The default fusion without a question's text: the short-question mix, z-scored, cosine 0.6
 * (the oracle is {@link ConvexZScoreTest}'s definition at that weight). How the weight follows
 * the question's length is checked below, the per-question fusion in {@link QueryLengthFusionLongTest}.
 */
class QueryLengthFusionTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return Fusions.parse(HybridSearch.DEFAULT_FUSION);
    }

    @Override
    protected double oracleScore(RandomCase c, int key) {
        return ZScoreOracle.score(c, oracleKeys(c), key, 0.6);
    }

    @Test
    void theWeightRisesWithTheLogarithmOfTheLengthBetweenItsEnds() {
        var f = (QueryLengthFusion) fusion();
        assertEquals(0.6, f.vectorWeight(0));
        assertEquals(0.6, f.vectorWeight(16));
        assertEquals(0.8, f.vectorWeight(128));
        assertEquals(0.8, f.vectorWeight(500));
        // 32 words: one doubling of the three from 16 to 128
        assertEquals(0.6 + 0.2 / 3, f.vectorWeight(32), 1e-12);
        assertEquals(0.6 + 0.4 / 3, f.vectorWeight(64), 1e-12);
        for (int n = 1; n < 100; n++) assertTrue(f.vectorWeight(n + 1) >= f.vectorWeight(n), "monotone at " + n);
    }

    @Test
    void wordsAreRunsOfNonSpaceHoldingALetterOrDigit() {
        assertEquals(0, Words.count(null));
        assertEquals(0, Words.count("  - ... \n"));
        assertEquals(5, Words.count("How do I renew a"));
        assertEquals(4, Words.count("Is  e-mail (still) allowed? —"));
        assertEquals(3, Words.count("Wie viele\tRechnungen?"));
        assertEquals(1, Words.count("供应商协议的付款条件是什么"));
    }

    @Test
    void aQuestionGetsTheConvexMixForItsLength() {
        Fusion f = fusion();
        assertEquals(new ConvexCombination(0.6, ConvexCombination.Normalisation.ZSCORE), f.forQuery("How long is the warranty?"));
        assertEquals(new ConvexCombination(0.8, ConvexCombination.Normalisation.ZSCORE), f.forQuery("word ".repeat(128)));
        assertEquals(new ConvexCombination(0.6, ConvexCombination.Normalisation.ZSCORE), f.forQuery(null));
        Fusion plain = Fusions.parse("rrf(k=60)");
        assertSame(plain, plain.forQuery("any question"), "a fusion that does not adapt is its own per-question fusion");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("bylength(short=0.6,long=1.2)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("bylength(from=64,to=8)"));
        assertThrows(IllegalArgumentException.class, () -> Fusions.parse("bylength(from=0)"));
    }
}
