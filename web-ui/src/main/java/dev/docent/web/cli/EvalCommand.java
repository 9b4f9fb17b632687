package dev.docent.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.embedder.Embedder;
import dev.docent.embedder.Embedders;
import dev.docent.retriever.ChunkIndex;
import dev.docent.retriever.HybridSearch;
import dev.docent.retriever.TextScoring;
import dev.docent.web.DocentConfig;
import dev.docent.web.Main;
import dev.docent.web.eval.BeirEvaluator;
import dev.docent.web.eval.BeirSet;
import dev.docent.web.eval.EvalIndex;
import dev.docent.web.eval.EvalModes;
import dev.docent.web.eval.FoundCalibration;
import dev.docent.retriever.Relevance;
import dev.docent.web.eval.Latency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code eval}: retrieval quality of search modes on a BEIR-format set. */
public final class EvalCommand implements Main.Command {

    /** Queries embedded afresh (not from the cache) to report the query embedding time. */
    private static final int TIMED_EMBEDDINGS = 50;

    @Override
    public String usage() {
        return """
                Usage: ./docent eval [--json] [--mode LIST] [--model NAME] [--limit N] [--depth N]
                                     [--bm25 SETTINGS] [--data DIR] BEIR_DIR

                Embeds the BEIR corpus once (cached under DIR/eval/), then reports nDCG@10 (graded),
                Recall@100 and MRR@10 on qrels/test.tsv, and the search time per query (p50, p99; the
                query embedding is timed apart). BEIR conventions: a query's own id is removed from
                its ranking; qrels have a header row and may have CRLF line ends.
                  --json            machine-readable output; "default_mode" names the mode /ask uses
                  --mode LIST       modes, comma-separated (default: bm25,vector,rrf,hybrid):
                                    bm25, vector, hybrid (what /ask uses, now %s),
                                    or a fusion spec: rrf(k=60), wrrf(k=60,vector=0.7),
                                    convex(vector=0.6,norm=minmax|zscore); add +prf(docs=3,weight=1)
                                    for feedback on the query vector
                  --model NAME      embedding model (its artifact must be on the classpath; default %s)
                  --limit N         evaluate only the first N test queries
                  --depth N         candidates per retriever (default %d; at least 101 in evaluation)
                  --bm25 SETTINGS   BM25 scoring, e.g. k1=0.9,b=0.4,title=1,heading=0 (default %s)
                  --exact-knn-below N
                                    exact vector search below N chunks, HNSW above (default %d; 0: always HNSW)
                  --unanswerable DIR
                                    also calibrate "found": this set's queries count as answerable, the
                                    test queries of the BEIR set in DIR as unanswerable against this corpus
                  --found-threshold T
                                    the threshold to report rates for (default %s)
                  --data DIR        where the evaluation index is cached (default: per-user data directory)
                """.formatted(HybridSearch.DEFAULT_FUSION + "+" + HybridSearch.DEFAULT_FEEDBACK, Embedders.DEFAULT_MODEL, HybridSearch.DEFAULT_DEPTH,
                TextScoring.DEFAULT, ChunkIndex.EXACT_KNN_BELOW, Relevance.DEFAULT_FOUND_THRESHOLD);
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("limit", "data", "model", "embedding-model", "mode", "depth", "bm25", "exact-knn-below", "unanswerable", "found-threshold"), Set.of("json"));
        String model = args.has("model") ? args.get("model")
                : args.has("embedding-model") ? args.get("embedding-model") : Embedders.DEFAULT_MODEL;
        if (args.positional().size() != 1) throw new UsageException("give exactly one BEIR_DIR");
        List<BeirEvaluator.Mode> modes;
        TextScoring scoring;
        try {
            modes = args.has("mode") ? EvalModes.parse(args.get("mode")) : EvalModes.standard();
            scoring = args.has("bm25") ? TextScoring.parse(args.get("bm25")) : TextScoring.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int depth = args.intValue("depth", HybridSearch.DEFAULT_DEPTH, 1, 10_000);
        int exactBelow = args.intValue("exact-knn-below", ChunkIndex.EXACT_KNN_BELOW, 0, Integer.MAX_VALUE);
        int limit = args.intValue("limit", 0, 0, Integer.MAX_VALUE);
        // --model names the embedding model here; the LLM flag of the other commands does not apply.
        DocentConfig config = Common.config(Args.parse(args.has("data") ? new String[] {"--data", args.get("data")} : new String[0],
                Set.of("data"), Set.of()));
        Path dir = Path.of(args.positional().getFirst()).toAbsolutePath().normalize();
        BeirSet set = BeirSet.load(dir);
        boolean json = args.has("json");
        var log = json ? System.err : System.out;
        Map<String, String> queries = new LinkedHashMap<>(set.queries());
        if (limit > 0 && limit < queries.size()) {
            queries = new LinkedHashMap<>();
            for (var e : set.queries().entrySet()) if (queries.size() < limit) queries.put(e.getKey(), e.getValue());
        }
        log.printf("%s: %d documents, %d test queries%n", dir.getFileName(), set.corpus().size(), queries.size());
        Map<String, BeirEvaluator.Scores> scores;
        long[] embedNanos;
        FoundCalibration found = null;
        double threshold = args.has("found-threshold") ? decimal(args.get("found-threshold")) : Relevance.DEFAULT_FOUND_THRESHOLD;
        try (Embedder embedder = Embedders.byName(model, config.embedderThreads())) {
            Path cache = config.dataDir().resolve("eval").resolve(dir.getFileName().toString()).resolve(model);
            Map<String, float[]> vectors = EvalIndex.queryVectors(queries, embedder, cache, log);
            embedNanos = timeEmbeddings(embedder, new ArrayList<>(queries.values()));
            try (ChunkIndex index = EvalIndex.open(set, embedder, cache, log)) {
                scores = new BeirEvaluator(index.searcher(scoring, exactBelow), depth).evaluate(modes, queries, vectors, set.qrels());
                if (args.has("unanswerable")) {
                    Path other = Path.of(args.get("unanswerable")).toAbsolutePath().normalize();
                    Map<String, String> otherQueries = BeirSet.load(other).queries();
                    Map<String, float[]> otherVectors = EvalIndex.unanswerableVectors(otherQueries, other.getFileName().toString(),
                            embedder, cache, log);
                    found = FoundCalibration.measure(HybridSearch.defaults(index.searcher(scoring, exactBelow)), queries, vectors,
                            otherQueries, otherVectors, threshold);
                }
            }
        }
        if (json) {
            printJson(dir, model, set, depth, scoring, exactBelow, scores, embedNanos, found,
                    args.has("unanswerable") ? Path.of(args.get("unanswerable")).getFileName().toString() : null);
        } else {
            System.out.printf("%-34s %8s %10s %7s %8s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10", "p50 ms", "p99 ms");
            scores.forEach((mode, s) -> System.out.printf("%-34s %8.4f %10.4f %7.4f %8.1f %8.1f%n",
                    mode.equals(s.fusion()) ? mode : mode + " = " + s.fusion(), s.ndcg10(), s.recall100(), s.mrr10(), s.p50Ms(), s.p99Ms()));
            System.out.printf("default mode (/ask): %s; depth %d; BM25 %s; query embedding p50 %.1f ms, p99 %.1f ms%n",
                    EvalModes.DEFAULT, depth, scoring, Latency.percentileMillis(embedNanos, 50), Latency.percentileMillis(embedNanos, 99));
            if (found != null) {
                System.out.printf("found at threshold %.4f: false not-found %.1f%% of answerable, not-found %.1f%% of unanswerable;"
                        + " threshold for <= 2%% false not-found %.4f (unanswerable not-found %.1f%%)%n", found.threshold(),
                        100 * found.falseNotFound(), 100 * found.notFound(), found.thresholdFor2Percent(), 100 * found.notFoundAt2Percent());
            }
        }
        return 0;
    }

    private static long[] timeEmbeddings(Embedder embedder, List<String> texts) {
        long[] out = new long[Math.min(TIMED_EMBEDDINGS, texts.size())];
        for (int i = 0; i < out.length; i++) {
            long t0 = System.nanoTime();
            embedder.embedQuery(texts.get(i));
            out[i] = System.nanoTime() - t0;
        }
        return out;
    }

    private static void printJson(Path dir, String model, BeirSet set, int depth, TextScoring scoring, int exactBelow,
            Map<String, BeirEvaluator.Scores> scores, long[] embedNanos, FoundCalibration found, String otherSet) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("set", dir.getFileName().toString());
        out.put("embedding_model", model);
        out.put("documents", set.corpus().size());
        out.put("default_mode", EvalModes.DEFAULT);
        out.put("modes", List.copyOf(scores.keySet()));
        out.put("depth", depth);
        out.put("bm25_scoring", scoring.toString());
        out.put("exact_knn_below", exactBelow);
        out.put("query_embedding_ms", ordered("p50", round(Latency.percentileMillis(embedNanos, 50)),
                "p99", round(Latency.percentileMillis(embedNanos, 99)), "queries", embedNanos.length));
        scores.forEach((mode, s) -> {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("fusion", s.fusion());
            block.put("ndcg@10", s.ndcg10());
            block.put("recall@100", s.recall100());
            block.put("mrr@10", s.mrr10());
            block.put("queries", s.queries());
            block.put("latency_ms", ordered("p50", round(s.p50Ms()), "p99", round(s.p99Ms())));
            out.put(mode, block);
        });
        if (found != null) {
            out.put("found", ordered("unanswerable_set", otherSet, "threshold", found.threshold(),
                    "false_not_found", found.falseNotFound(), "not_found_unanswerable", found.notFound(),
                    "threshold_for_2pct_false_not_found", found.thresholdFor2Percent(),
                    "not_found_unanswerable_at_that_threshold", found.notFoundAt2Percent(),
                    "answerable_confidence_p2_p50", List.of(quantile(found.answerable(), 0.02), quantile(found.answerable(), 0.5)),
                    "unanswerable_confidence_p50_p90", List.of(quantile(found.unanswerable(), 0.5), quantile(found.unanswerable(), 0.9))));
        }
        try {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
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

    private static double decimal(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--found-threshold must be a number, got '" + v + "'");
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
