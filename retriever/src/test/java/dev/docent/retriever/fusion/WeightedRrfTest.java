package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;

class WeightedRrfTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return Fusions.parse("wrrf(k=10,vector=0.7)");
    }

    @Override
    protected double oracleScore(RandomCase c, int key) {
        double s = 0;
        for (int i = 0; i < c.bm25List.size(); i++) if (c.bm25List.get(i) == key) s += 0.6 / (10 + i + 1);
        for (int i = 0; i < c.vectorList.size(); i++) if (c.vectorList.get(i) == key) s += 1.4 / (10 + i + 1);
        return s;
    }
}
