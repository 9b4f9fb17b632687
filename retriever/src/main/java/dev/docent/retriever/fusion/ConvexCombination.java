package dev.docent.retriever.fusion;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fusion;
import java.util.List;

/**
 * A convex combination of the two retrievers' raw scores, each first normalised over this
 * query's candidates: {@code vector * norm(cosine) + (1 - vector) * norm(bm25)}. Unlike RRF it
 * keeps the size of the gaps between scores (Bruch et al. 2023, "An analysis of fusion functions
 * for hybrid retrieval"). Every candidate carries both raw scores (the searcher fills in the one
 * its retriever did not rank), so no score is guessed.
 *
 * @param vectorWeight weight of the cosine similarity, in [0, 1]
 * @param normalisation how raw scores are brought to a common scale
 */
public record ConvexCombination(double vectorWeight, Normalisation normalisation) implements Fusion {

    /** How one retriever's raw scores over a query's candidates are made comparable to the other's. */
    public enum Normalisation {
        /** (x - min) / (max - min): the best candidate of each retriever gets 1, the worst 0. */
        MINMAX,
        /** (x - mean) / standard deviation: keeps how far the best stands out from the rest. */
        ZSCORE;

        double[] apply(double[] x) {
            int n = x.length;
            double[] out = new double[n];
            if (n == 0) return out;
            if (this == MINMAX) {
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                for (int i = 0; i < n; i++) out[i] = max > min ? (x[i] - min) / (max - min) : 0;
            } else {
                double mean = 0, sq = 0;
                for (double v : x) mean += v;
                mean /= n;
                for (double v : x) sq += (v - mean) * (v - mean);
                double sd = Math.sqrt(sq / n);
                for (int i = 0; i < n; i++) out[i] = sd > 0 ? (x[i] - mean) / sd : 0;
            }
            return out;
        }
    }

    public ConvexCombination {
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("convex vector weight must be in [0, 1], got " + vectorWeight);
        }
        if (normalisation == null) throw new IllegalArgumentException("normalisation is required");
    }

    @Override
    public double[] scores(List<Candidate> candidates) {
        int n = candidates.size();
        double[] bm25 = new double[n];
        double[] cosine = new double[n];
        for (int i = 0; i < n; i++) {
            bm25[i] = candidates.get(i).bm25();
            double c = candidates.get(i).cosine();
            cosine[i] = Double.isNaN(c) ? 0 : c;
        }
        double[] b = normalisation.apply(bm25);
        double[] v = normalisation.apply(cosine);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = vectorWeight * v[i] + (1 - vectorWeight) * b[i];
        return s;
    }

    @Override
    public String toString() {
        return "convex(vector=" + Fusions.number(vectorWeight) + ",norm=" + normalisation.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
