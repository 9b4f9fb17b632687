package dev.docent.eval;

import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.Relevance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How well {@code found} separates questions the corpus answers from questions it does not: a
 * set's own test queries count as answerable, another set's queries against this corpus as
 * unanswerable. Confidence is computed exactly as {@code /ask} computes it (default search, top 5).
 *
 * @param threshold the found threshold the rates are given for
 * @param falseNotFound share of answerable queries below it (target at most 0.02)
 * @param notFound share of unanswerable queries below it (target at least 0.90)
 * @param thresholdFor2Percent the highest threshold that keeps false "not found" at or under 2 %
 * @param notFoundAt2Percent the unanswerable not-found share at that threshold
 * @param answerable confidences of the answerable queries, ascending
 * @param unanswerable confidences of the unanswerable queries, ascending
 */
public record FoundCalibration(double threshold, double falseNotFound, double notFound, double thresholdFor2Percent,
        double notFoundAt2Percent, double[] answerable, double[] unanswerable) {

    /** As {@code /ask} asks: five passages. */
    static final int TOP_K = 5;

    public static FoundCalibration measure(HybridSearch search, Map<String, String> answerable, Map<String, float[]> answerableVectors,
            Map<String, String> unanswerable, Map<String, float[]> unanswerableVectors, double threshold) {
        double[] a = confidences(search, answerable, answerableVectors);
        double[] u = confidences(search, unanswerable, unanswerableVectors);
        // The 2 % quantile of the answerable confidences, nearest rank from below.
        double t2 = a.length == 0 ? 0 : a[(int) Math.floor(0.02 * a.length)];
        return new FoundCalibration(threshold, below(a, threshold), below(u, threshold), t2, below(u, t2), a, u);
    }

    private static double[] confidences(HybridSearch search, Map<String, String> queries, Map<String, float[]> vectors) {
        double[] out = new double[queries.size()];
        int i = 0;
        for (var q : queries.entrySet()) {
            out[i++] = Relevance.confidence(search.search(q.getValue(), vectors.get(q.getKey()), TOP_K), q.getValue());
        }
        Arrays.sort(out);
        return out;
    }

    /** Shares of answerable queries a threshold at which the trade-off curve is reported. */
    static final double[] CURVE_FALSE_NOT_FOUND = {0, 0.01, 0.02, 0.05, 0.10, 0.20, 0.30, 0.50};

    /**
     * The trade-off: for thresholds that call 0 %, 1 %, 2 %, 5 % ... of the answerable queries "not
     * found" (nearest rank from below), each {threshold, false not-found, not-found of unanswerable}.
     */
    public List<double[]> curve() {
        List<double[]> out = new ArrayList<>();
        for (double share : CURVE_FALSE_NOT_FOUND) {
            if (answerable.length == 0) break;
            double t = share == 0 ? answerable[0] : answerable[Math.min(answerable.length - 1, (int) Math.floor(share * answerable.length))];
            out.add(new double[] {t, below(answerable, t), below(unanswerable, t)});
        }
        return out;
    }

    static double below(double[] sorted, double threshold) {
        if (sorted.length == 0) return 0;
        int n = 0;
        while (n < sorted.length && sorted[n] < threshold) n++;
        return n / (double) sorted.length;
    }
}
