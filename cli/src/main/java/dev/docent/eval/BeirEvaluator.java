package dev.docent.eval;

import dev.docent.retriever.Fusion;
import dev.docent.retriever.Hit;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.VectorFeedback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores search modes on a BEIR set: every test query is searched in each mode, its document
 * ranking cut to 100 after removing the query's own id, and nDCG@10 (graded), Recall@100 and
 * MRR@10 averaged over queries; the search time per query (embedding excluded) is recorded too.
 */
public final class BeirEvaluator {

    /** How deep each query's ranking is evaluated (Recall@100 needs 100). */
    static final int RANKING = 100;
    /** Queries searched once before timing, so the JIT has compiled the search path. */
    private static final int WARM_UP = 30;

    /** A named way to search: a fusion, with or without feedback on the query vector. */
    public record Mode(String name, Fusion fusion, VectorFeedback feedback) {

        /** The spec it reads back from: {@code convex(vector=0.6,norm=zscore)+prf(docs=3,weight=1)}. */
        public String spec() {
            return fusion + (feedback.enabled() ? "+" + feedback : "");
        }
    }

    /** Scores of one mode, averaged over queries, with search latency percentiles in milliseconds. */
    public record Scores(String fusion, double ndcg10, double recall100, double mrr10, int queries, double p50Ms,
            double p99Ms) {}

    private final Searcher searcher;
    private final int depth;
    private final int warmUp;

    public BeirEvaluator(Searcher searcher, int depth) {
        this(searcher, depth, WARM_UP);
    }

    /** @param warmUp queries searched untimed before each mode (0 where only the scores are read) */
    BeirEvaluator(Searcher searcher, int depth, int warmUp) {
        this.searcher = searcher;
        this.depth = depth;
        this.warmUp = warmUp;
    }

    /** {@code queries}: id → text; {@code vectors}: id → query vector; {@code qrels}: id → (doc → grade). */
    public Map<String, Scores> evaluate(List<Mode> modes, Map<String, String> queries, Map<String, float[]> vectors,
            Map<String, Map<String, Integer>> qrels) {
        Map<String, Scores> out = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(queries.keySet());
        for (Mode mode : modes) {
            // One more than evaluated, so removing the query's own id still leaves RANKING documents.
            HybridSearch search = new HybridSearch(searcher, mode.fusion(), Math.max(depth, RANKING + 1), mode.feedback());
            for (int i = 0; i < Math.min(warmUp, ids.size()); i++) {
                search.search(queries.get(ids.get(i)), vectors.get(ids.get(i)), RANKING + 1);
            }
            double ndcg = 0, recall = 0, mrr = 0;
            long[] nanos = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                long t0 = System.nanoTime();
                List<Hit> hits = search.search(queries.get(id), vectors.get(id), RANKING + 1);
                nanos[i] = System.nanoTime() - t0;
                List<String> ranked = Metrics.documentRanking(hits.stream().map(Hit::path).toList(), id, RANKING);
                Map<String, Integer> rel = qrels.getOrDefault(id, Map.of());
                ndcg += Metrics.ndcg(ranked, rel, 10);
                recall += Metrics.recall(ranked, rel, RANKING);
                mrr += Metrics.mrr(ranked, rel, 10);
            }
            int n = Math.max(1, ids.size());
            out.put(mode.name(), new Scores(mode.spec(), ndcg / n, recall / n, mrr / n, ids.size(),
                    Latency.percentileMillis(nanos, 50), Latency.percentileMillis(nanos, 99)));
        }
        return out;
    }
}
