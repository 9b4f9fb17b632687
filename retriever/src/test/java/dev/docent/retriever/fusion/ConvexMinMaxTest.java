package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;

class ConvexMinMaxTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return new ConvexCombination(0.65, ConvexCombination.Normalisation.MINMAX);
    }

    /** 0.65 * minmax(cosine) + 0.35 * minmax(bm25), min and max taken over the union of both lists. */
    @Override
    protected double oracleScore(RandomCase c, int key) {
        var keys = oracleKeys(c);
        double bLo = keys.stream().mapToDouble(k -> c.bm25[k]).min().orElseThrow();
        double bHi = keys.stream().mapToDouble(k -> c.bm25[k]).max().orElseThrow();
        double vLo = keys.stream().mapToDouble(k -> c.cosine[k]).min().orElseThrow();
        double vHi = keys.stream().mapToDouble(k -> c.cosine[k]).max().orElseThrow();
        double b = bHi > bLo ? (c.bm25[key] - bLo) / (bHi - bLo) : 0;
        double v = vHi > vLo ? (c.cosine[key] - vLo) / (vHi - vLo) : 0;
        return 0.65 * v + 0.35 * b;
    }
}
