package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.TestPaths;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.testkit.Required;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-query floor: paragraph-long queries (ArguAna's kind) must not rank worse with the
 * default search than with the better of its two retrievers. The first 40 of NFCorpus's
 * {@link LongQueries} (a relevant abstract, title and text, asking for the other abstracts relevant
 * to the same question) over a sub-corpus of those abstracts (729 documents), indexed and embedded
 * for real. On this set the fixed mix of before (cosine 0.6) fell below vector search alone, as it
 * did on the held-out set of issue 20. Needs ../shared (skipped without it, fails in CI).
 */
class LongQueryRetrievalTest {

    private static final int QUERIES = 40;
    /**
     * Measured 2026-12-05: bm25 0.262, vector 0.4388, the default 0.4397, the fixed 0.6 mix of before
     * 0.4374 (below vector: this test failed with it). The floor sits a little under the default.
     */
    private static final double HYBRID_FLOOR = 0.42;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // embeds 729 abstracts: about a minute on two idle cores
    void theDefaultRanksLongQueriesAtLeastAsWellAsTheBetterRetriever() {
        Path shared = TestPaths.shared();
        Path dir = shared == null ? null : shared.resolve("eval").resolve("nfcorpus");
        Required.tool(dir != null && Files.isDirectory(dir), "../shared/eval/nfcorpus beside the repository");
        BeirSet full = BeirSet.load(dir);
        BeirSet longSet = LongQueries.of(dir, full);
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, String[]> corpus = new LinkedHashMap<>();
        for (var q : longSet.queries().entrySet()) {
            if (queries.size() == QUERIES) break;
            queries.put(q.getKey(), q.getValue());
            corpus.put(q.getKey(), full.corpus().get(q.getKey())); // the passage itself is in the corpus, as in ArguAna
            for (String d : longSet.qrels().get(q.getKey()).keySet()) corpus.put(d, full.corpus().get(d));
        }
        BeirSet set = new BeirSet(corpus, queries, longSet.qrels());
        PrintStream log = System.out;
        try (Embedder embedder = Embedders.defaultModel(2); ChunkIndex index = EvalIndex.open(set, embedder, tmp, log)) {
            Map<String, float[]> vectors = new LinkedHashMap<>();
            queries.forEach((id, text) -> vectors.put(id, embedder.embedQuery(text)));
            var modes = EvalModes.parse("bm25,vector,hybrid,convex(vector=0.6,norm=zscore)+prf(docs=2,weight=1)");
            var scores = new BeirEvaluator(index.searcher(), 100).evaluate(modes, queries, vectors, set.qrels());
            Map<String, Double> ndcg = new LinkedHashMap<>();
            scores.forEach((mode, s) -> ndcg.put(mode, Math.round(s.ndcg10() * 10000) / 10000.0));
            System.out.printf("long queries: %d over %d documents, nDCG@10 %s (the last: the fixed mix of before)%n",
                    queries.size(), corpus.size(), ndcg);
            double hybrid = ndcg.get("hybrid"), best = Math.max(ndcg.get("bm25"), ndcg.get("vector"));
            assertTrue(hybrid >= HYBRID_FLOOR, "hybrid nDCG@10 " + hybrid + " fell below the floor " + HYBRID_FLOOR);
            assertTrue(hybrid >= best, "the default ranks long queries below a single retriever: " + ndcg);
        }
    }
}
