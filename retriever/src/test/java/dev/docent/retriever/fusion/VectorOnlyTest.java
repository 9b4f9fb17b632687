package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;
import java.util.List;

class VectorOnlyTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return SingleRetriever.VECTOR;
    }

    @Override
    protected double oracleScore(RandomCase c, int key) {
        return c.cosine[key];
    }

    @Override
    protected List<Integer> oracleKeys(RandomCase c) {
        return new java.util.ArrayList<>(c.vectorList);
    }

    @Override
    protected int bestRank(RandomCase c, int key) {
        return c.vectorRank(key);
    }
}
