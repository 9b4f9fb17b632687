package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;

class ConvexZScoreTest extends FusionContractTest {

    @Override
    protected Fusion fusion() {
        return Fusions.parse("convex(vector=0.4,norm=zscore)");
    }

    /** 0.4 * z(cosine) + 0.6 * z(bm25), mean and population deviation over the union of both lists. */
    @Override
    protected double oracleScore(RandomCase c, int key) {
        var keys = oracleKeys(c);
        return 0.4 * z(keys.stream().mapToDouble(k -> c.cosine[k]).toArray(), c.cosine[key])
                + 0.6 * z(keys.stream().mapToDouble(k -> c.bm25[k]).toArray(), c.bm25[key]);
    }

    private static double z(double[] all, double x) {
        double mean = java.util.Arrays.stream(all).average().orElseThrow();
        double var = java.util.Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / all.length;
        return var > 0 ? (x - mean) / Math.sqrt(var) : 0;
    }
}
