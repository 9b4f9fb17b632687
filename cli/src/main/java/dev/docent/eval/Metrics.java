package dev.docent.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The standard IR metrics, as BEIR/pytrec_eval define them, over a ranking of document ids.
 * Rankings are evaluated in the order the search returned them: tied scores keep the fusion's
 * tie-break, which is the order a user sees (trec_eval would re-break ties by document id).
 */
public final class Metrics {

    private Metrics() {}

    /**
     * The document ranking BEIR evaluates from a ranking of chunks' document ids: each document at
     * its first (best) position, the query's own id removed (BEIR's {@code ignore_identical_ids}:
     * sets such as ArguAna hold every query in the corpus too, and finding itself is no credit),
     * at most {@code k} long.
     */
    public static List<String> documentRanking(List<String> chunkDocIds, String queryId, int k) {
        var seen = new LinkedHashSet<String>();
        for (String id : chunkDocIds) {
            if (seen.size() == k) break;
            if (!id.equals(queryId)) seen.add(id);
        }
        return new ArrayList<>(seen);
    }

    /** nDCG@k with the qrel grade as gain (linear gain, log2 discount). */
    public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int g = relevant.getOrDefault(ranked.get(i), 0);
            if (g > 0) dcg += g / log2(i + 2);
        }
        List<Integer> ideal = relevant.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) idcg += ideal.get(i) / log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Fraction of the relevant documents found in the first k. */
    public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
        long rel = relevant.values().stream().filter(g -> g > 0).count();
        if (rel == 0) return 0;
        long found = ranked.stream().limit(k).filter(d -> relevant.getOrDefault(d, 0) > 0).count();
        return found / (double) rel;
    }

    /** Reciprocal rank of the first relevant document within the first k, else 0. */
    public static double mrr(List<String> ranked, Map<String, Integer> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.getOrDefault(ranked.get(i), 0) > 0) return 1.0 / (i + 1);
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
