package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;

/**
 * The default fusion for a pasted paragraph (162 words, beyond the ramp's end): z-scored convex
 * mix with cosine weight 0.8, checked against the textbook definition.
 */
class QueryLengthFusionLongTest extends FusionContractTest {

    private static final String PARAGRAPH = ("The supplier shall deliver the parts within thirty days of the order and shall "
            + "replace any part found defective during the warranty period at its own cost. ").repeat(6);

    @Override
    protected Fusion fusion() {
        return Fusions.parse(HybridSearch.DEFAULT_FUSION).forQuery(PARAGRAPH);
    }

    @Override
    protected double oracleScore(RandomCase c, int key) {
        return ZScoreOracle.score(c, oracleKeys(c), key, 0.8);
    }
}
