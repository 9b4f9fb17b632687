package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: what to measure, and running it (embeddings, and the Lucene index, cached under
 * {@code cacheRoot}/{@code <set>}/{@code <model>}).
 *
 * @param setDir the BEIR folder
 * @param model embedding model name
 * @param modes the modes to score
 * @param depth candidates per retriever
 * @param scoring BM25 scoring
 * @param exactKnnBelow exact kNN below this many chunks
 * @param chunkTokens 0 for one passage per document, else Docent's chunker at this budget
 * @param limit the first N test queries only, 0 for all
 * @param unanswerableDir another BEIR folder whose queries calibrate {@code found}, or null
 * @param foundThreshold the threshold to report found rates for
 * @param vectors how the index stores and graphs vectors (HNSW links, beam, int8)
 * @param longQueries evaluate {@link LongQueries} (passages of relevant documents as queries) instead of the set's queries
 * @param backend where the chunks are indexed and searched (the vectors are cached once for every backend)
 */
public record EvalRun(Path setDir, String model, List<BeirEvaluator.Mode> modes, int depth, TextScoring scoring,
        int exactKnnBelow, int chunkTokens, int limit, Path unanswerableDir, double foundThreshold, VectorFormat vectors,
        boolean longQueries, EvalBackend backend) {

    /** Queries embedded afresh (not from the cache) to report the query embedding time. */
    private static final int TIMED_EMBEDDINGS = 50;
    private static final int WARM_UP_EMBEDDINGS = 5;

    /** Measures; progress goes to {@code log}. */
    public EvalReport run(Path cacheRoot, int threads, PrintStream log) {
        BeirSet corpusSet = BeirSet.load(setDir);
        BeirSet set = longQueries ? LongQueries.of(setDir, corpusSet) : corpusSet;
        Map<String, String> queries = new LinkedHashMap<>();
        for (var e : set.queries().entrySet()) {
            if (limit == 0 || queries.size() < limit) queries.put(e.getKey(), e.getValue());
        }
        log.printf("%s: %d documents, %d %s%n", setDir.getFileName(), set.corpus().size(), queries.size(),
                longQueries ? "long queries (passages of relevant documents)" : "test queries");
        try (Embedder embedder = Embedders.byName(model, threads)) {
            Path cache = cacheRoot.resolve(setDir.getFileName().toString()).resolve(model);
            Map<String, float[]> vectors = longQueries ? EvalIndex.longQueryVectors(queries, embedder, cache, log)
                    : EvalIndex.queryVectors(queries, embedder, cache, log);
            long[] embedNanos = timeEmbeddings(embedder, new ArrayList<>(queries.values()));
            try (EvalBackend.Opened index = backend.open(set, embedder, cache, log, this)) {
                var searcher = index.searcher();
                var scores = new BeirEvaluator(searcher, depth).evaluate(modes, queries, vectors, set.qrels());
                FoundCalibration found = null;
                if (unanswerableDir != null) {
                    Map<String, String> other = BeirSet.load(unanswerableDir).queries();
                    Map<String, float[]> otherVectors = EvalIndex.unanswerableVectors(other,
                            unanswerableDir.getFileName().toString(), embedder, cache, log);
                    found = FoundCalibration.measure(HybridSearch.defaults(searcher), queries, vectors, other, otherVectors,
                            foundThreshold);
                }
                return new EvalReport(this, set.corpus().size(), scores, embedNanos, found);
            }
        }
    }

    /** Times up to 50 query embeddings after 5 untimed ones (with every vector cached, the first call would time ONNX Runtime's start). */
    private static long[] timeEmbeddings(Embedder embedder, List<String> texts) {
        for (int i = 0; i < Math.min(WARM_UP_EMBEDDINGS, texts.size()); i++) embedder.embedQuery(texts.get(texts.size() - 1 - i));
        long[] out = new long[Math.min(TIMED_EMBEDDINGS, texts.size())];
        for (int i = 0; i < out.length; i++) {
            long t0 = System.nanoTime();
            embedder.embedQuery(texts.get(i));
            out[i] = System.nanoTime() - t0;
        }
        return out;
    }
}
