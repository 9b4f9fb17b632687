package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;

class RrfTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return ReciprocalRankFusion.plain(60);
    }

    /** Cormack et al.: the sum over the rankings that hold the key of 1 / (k + rank). */
    @Override
    protected double oracleScore(RandomCase c, int key) {
        double s = 0;
        for (int i = 0; i < c.bm25List.size(); i++) if (c.bm25List.get(i) == key) s += 1.0 / (60 + i + 1);
        for (int i = 0; i < c.vectorList.size(); i++) if (c.vectorList.get(i) == key) s += 1.0 / (60 + i + 1);
        return s;
    }
}
