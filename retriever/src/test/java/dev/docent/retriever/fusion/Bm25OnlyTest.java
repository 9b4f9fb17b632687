package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;
import java.util.List;

class Bm25OnlyTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return SingleRetriever.BM25;
    }

    @Override
    protected double oracleScore(RandomCase c, int key) {
        return c.bm25[key];
    }

    @Override
    protected List<Integer> oracleKeys(RandomCase c) {
        return new java.util.ArrayList<>(c.bm25List);
    }

    @Override
    protected int bestRank(RandomCase c, int key) {
        return c.bm25Rank(key);
    }
}
