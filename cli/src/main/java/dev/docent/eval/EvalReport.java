package dev.docent.eval;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link EvalRun} measured, as text or as the JSON of {@code docent eval --json}: the run's
 * settings ({@code "backend"}: lucene or opensearch), {@code "default_mode"} (the mode {@code /ask}
 * uses), one block per mode, and the {@code found} calibration when asked for.
 */
public record EvalReport(EvalRun run, int documents, Map<String, BeirEvaluator.Scores> scores, long[] embedNanos,
        FoundCalibration found) {

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("set", run.setDir().getFileName().toString());
        out.put("embedding_model", run.model());
        out.put("backend", run.backend().name());
        out.put("documents", documents);
        out.put("queries", run.longQueries() ? "long" : "test");
        out.put("default_mode", EvalModes.DEFAULT);
        out.put("modes", List.copyOf(scores.keySet()));
        out.put("depth", run.depth());
        out.put("bm25_scoring", run.scoring().toString());
        out.put("exact_knn_below", run.exactKnnBelow());
        out.put("chunk_tokens", run.chunkTokens());
        out.put("vectors", run.vectors().toString());
        out.put("query_embedding_ms", ordered("p50", round(Latency.percentileMillis(embedNanos, 50)),
                "p99", round(Latency.percentileMillis(embedNanos, 99)), "queries", embedNanos.length));
        scores.forEach((mode, s) -> out.put(mode, ordered("fusion", s.fusion(), "ndcg@10", s.ndcg10(),
                "recall@100", s.recall100(), "mrr@10", s.mrr10(), "queries", s.queries(),
                "latency_ms", ordered("p50", round(s.p50Ms()), "p99", round(s.p99Ms())))));
        if (found != null) {
            out.put("found", ordered("unanswerable_set", run.unanswerableDir().getFileName().toString(),
                    "threshold", found.threshold(), "false_not_found", found.falseNotFound(),
                    "not_found_unanswerable", found.notFound(),
                    "threshold_for_2pct_false_not_found", found.thresholdFor2Percent(),
                    "not_found_unanswerable_at_that_threshold", found.notFoundAt2Percent(),
                    "answerable_confidence_p2_p50", List.of(quantile(found.answerable(), 0.02), quantile(found.answerable(), 0.5)),
                    "unanswerable_confidence_p50_p90", List.of(quantile(found.unanswerable(), 0.5), quantile(found.unanswerable(), 0.9)),
                    "curve", found.curve().stream().map(c -> ordered("threshold", c[0], "false_not_found", c[1], "not_found_unanswerable", c[2]))
                            .toList()));
        }
        return out;
    }

    public void printText(PrintStream out) {
        out.printf("%-34s %8s %10s %7s %8s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10", "p50 ms", "p99 ms");
        scores.forEach((mode, s) -> out.printf("%-34s %8.4f %10.4f %7.4f %8.1f %8.1f%n",
                mode.equals(s.fusion()) ? mode : mode + " = " + s.fusion(), s.ndcg10(), s.recall100(), s.mrr10(), s.p50Ms(), s.p99Ms()));
        out.printf("default mode (/ask): %s; depth %d; BM25 %s; backend %s; query embedding p50 %.1f ms, p99 %.1f ms%n", EvalModes.DEFAULT,
                run.depth(), run.scoring(), run.backend().name(), Latency.percentileMillis(embedNanos, 50), Latency.percentileMillis(embedNanos, 99));
        if (found != null) {
            out.printf("found at threshold %.4f: false not-found %.1f%% of answerable, not-found %.1f%% of unanswerable;"
                    + " threshold for <= 2%% false not-found %.4f (unanswerable not-found %.1f%%)%n", found.threshold(),
                    100 * found.falseNotFound(), 100 * found.notFound(), found.thresholdFor2Percent(), 100 * found.notFoundAt2Percent());
            out.println("trade-off (threshold: false not-found / not-found of unanswerable):");
            for (double[] c : found.curve()) out.printf("  %.4f: %.1f%% / %.1f%%%n", c[0], 100 * c[1], 100 * c[2]);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : Math.round(sorted[(int) Math.floor(q * (sorted.length - 1))] * 10000) / 10000.0;
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
