package dev.docent.retriever.fusion;

import java.util.Arrays;
import java.util.List;

/** The z-scored convex combination from its definition, for the contract tests' oracles. */
final class ZScoreOracle {

    private ZScoreOracle() {}

    /** {@code w * z(cosine) + (1 - w) * z(bm25)}, mean and population deviation over {@code keys}. */
    static double score(FusionContractTest.RandomCase c, List<Integer> keys, int key, double w) {
        return w * z(keys.stream().mapToDouble(k -> c.cosine[k]).toArray(), c.cosine[key])
                + (1 - w) * z(keys.stream().mapToDouble(k -> c.bm25[k]).toArray(), c.bm25[key]);
    }

    private static double z(double[] all, double x) {
        double mean = Arrays.stream(all).average().orElseThrow();
        double var = Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / all.length;
        return var > 0 ? (x - mean) / Math.sqrt(var) : 0;
    }
}
