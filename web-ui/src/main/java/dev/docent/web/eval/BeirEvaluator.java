package dev.docent.web.eval;

import dev.docent.embedder.Embedder;
import dev.docent.retriever.ChunkIndex;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.SearchMode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Indexes a BEIR corpus (one passage per document, as BEIR baselines do; the embedder truncates
 * at its window) into a cached index under the data directory, then scores every search mode.
 */
public final class BeirEvaluator {

    /** Scores of one search mode, averaged over queries. */
    public record Scores(double ndcg10, double recall100, double mrr10, int queries) {}

    private final Embedder embedder;
    private final PrintStream log;

    public BeirEvaluator(Embedder embedder, PrintStream log) {
        this.embedder = embedder;
        this.log = log;
    }

    public Map<SearchMode, Scores> evaluate(BeirSet set, Path indexDir, int queryLimit) {
        Path marker = indexDir.resolve("complete-" + embedder.modelName() + "-" + set.corpus().size());
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            if (!Files.exists(marker)) {
                build(set, index);
                Files.writeString(marker, "ok\n");
            } else {
                log.printf("Reusing the evaluation index in %s%n", indexDir);
            }
            Map<SearchMode, Scores> out = new LinkedHashMap<>();
            List<Map.Entry<String, String>> queries = new ArrayList<>(set.queries().entrySet());
            if (queryLimit > 0 && queryLimit < queries.size()) queries = queries.subList(0, queryLimit);
            List<float[]> vectors = new ArrayList<>();
            for (var q : queries) vectors.add(embedder.embedQuery(q.getValue()));
            for (SearchMode mode : SearchMode.values()) {
                double ndcg = 0, recall = 0, mrr = 0;
                for (int i = 0; i < queries.size(); i++) {
                    var q = queries.get(i);
                    List<String> ranked = rankedDocIds(index.search(q.getValue(), vectors.get(i), 100, mode));
                    Map<String, Integer> rel = set.qrels().get(q.getKey());
                    ndcg += Metrics.ndcg(ranked, rel, 10);
                    recall += Metrics.recall(ranked, rel, 100);
                    mrr += Metrics.mrr(ranked, rel, 10);
                }
                int n = Math.max(1, queries.size());
                out.put(mode, new Scores(ndcg / n, recall / n, mrr / n, queries.size()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void build(BeirSet set, ChunkIndex index) {
        index.deleteAll();
        long t0 = System.nanoTime();
        int n = 0;
        for (var e : set.corpus().entrySet()) {
            String title = e.getValue()[0];
            String text = e.getValue()[1];
            float[] v = embedder.embedPassage(title.isEmpty() ? text : title + "\n" + text);
            index.replaceDocument(e.getKey(), List.of(new IndexedChunk(e.getKey(), title, 0, "", 0, 0, text.length(), text, v)));
            if (++n % 500 == 0) {
                log.printf("  embedded %d/%d documents (%.1f docs/s)%n", n, set.corpus().size(), n / ((System.nanoTime() - t0) / 1e9));
            }
        }
        index.commit();
        log.printf("Indexed %d documents in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    private static List<String> rankedDocIds(List<Hit> hits) {
        var ids = new LinkedHashSet<String>();
        for (Hit h : hits) ids.add(h.path());
        return new ArrayList<>(ids);
    }
}
