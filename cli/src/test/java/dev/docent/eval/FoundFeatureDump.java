package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.Candidate;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.Hit;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool, not a test: writes the retrieval evidence of every answerable and unanswerable query of a
 * cross-set {@code found} calibration as TSV, to study which evidence separates them. Needs the
 * evaluation cache that {@code docent eval --unanswerable OTHER SET --data DIR} made.
 * {@code java -cp ... dev.docent.eval.FoundFeatureDump DIR/eval SET_DIR OTHER_DIR OUT.tsv}
 */
public final class FoundFeatureDump {

    /** The documents a pilot index holds (null: the whole corpus). */
    private static Set<String> indexed;

    public static void main(String[] args) throws Exception {
        Path cacheRoot = Path.of(args[0]), setDir = Path.of(args[1]), otherDir = Path.of(args[2]);
        BeirSet set = BeirSet.load(setDir);
        Map<String, String> other = BeirSet.load(otherDir).queries();
        PrintStream log = System.err;
        try (Embedder embedder = Embedders.byName(Embedders.DEFAULT_MODEL, 2);
                PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[3])), false, "UTF-8")) {
            Path cache = cacheRoot.resolve(setDir.getFileName().toString()).resolve(Embedders.DEFAULT_MODEL);
            Map<String, float[]> vectors = EvalIndex.queryVectors(set.queries(), embedder, cache, log);
            Map<String, float[]> otherVectors = EvalIndex.unanswerableVectors(other, otherDir.getFileName().toString(), embedder,
                    cache, log);
            try (ChunkIndex index = args.length > 4 ? partial(set, cache, Path.of(args[4]), log) : EvalIndex.open(set, embedder, cache, log)) {
                Searcher searcher = index.searcher();
                HybridSearch search = HybridSearch.defaults(searcher);
                out.println("answerable\tid\twords\tcos1\tcos5\tcos10\tcov1\tcovmax5\tshare1\tsharemax5\tbm25top\toverlap10\thits\tquery");
                Map<String, String> answerable = new java.util.LinkedHashMap<>();
                set.queries().forEach((id, text) -> {
                    if (indexed == null || set.qrels().getOrDefault(id, Map.of()).keySet().stream().anyMatch(indexed::contains)) {
                        answerable.put(id, text);
                    }
                });
                write(out, 1, answerable, vectors, search, searcher);
                write(out, 0, other, otherVectors, search, searcher);
            }
        }
    }

    /**
     * A pilot while the corpus is still being embedded: an index (in {@code dir}) of the documents
     * whose vectors are cached so far. Fewer neighbours than the full corpus: optimistic for "not found".
     */
    private static ChunkIndex partial(BeirSet set, Path cache, Path dir, PrintStream log) {
        Map<String, float[]> vectors = VectorCache.cached(cache.resolve("passages.bin"));
        ChunkIndex index = ChunkIndex.open(dir);
        index.deleteAll();
        for (var e : vectors.entrySet()) {
            String[] tt = set.corpus().get(e.getKey());
            index.replaceDocument(e.getKey(), List.of(new dev.docent.retriever.IndexedChunk(e.getKey(), tt[0], 0, "", 0, 0,
                    tt[1].length(), tt[1], e.getValue())));
        }
        index.commit();
        indexed = vectors.keySet();
        log.printf("Pilot index of %d of %d documents%n", vectors.size(), set.corpus().size());
        return index;
    }

    private static void write(PrintStream out, int answerable, Map<String, String> queries, Map<String, float[]> vectors,
            HybridSearch search, Searcher searcher) {
        for (var q : queries.entrySet()) {
            float[] v = vectors.get(q.getKey());
            List<Hit> hits = search.search(q.getValue(), v, 10);
            double cos1 = Double.NEGATIVE_INFINITY, covMax = 0, shareMax = 0;
            for (int i = 0; i < Math.min(5, hits.size()); i++) {
                Hit h = hits.get(i);
                cos1 = Math.max(cos1, h.cosine());
                covMax = Math.max(covMax, nz(h.coverage()));
                shareMax = Math.max(shareMax, nz(h.bm25Share()));
            }
            double cos5 = hits.size() >= 5 ? hits.get(4).cosine() : Double.NaN;
            double cos10 = hits.size() >= 10 ? hits.get(9).cosine() : Double.NaN;
            double bm25Top = 0, overlap = 0;
            try (Retrieval r = searcher.retrieve(q.getValue(), v, 100)) {
                Set<Integer> byText = new HashSet<>(), byVector = new HashSet<>();
                for (Candidate c : r.candidates()) {
                    if (c.bm25Rank() >= 1 && c.bm25Rank() <= 10) byText.add(c.id());
                    if (c.vectorRank() >= 1 && c.vectorRank() <= 10) byVector.add(c.id());
                    bm25Top = Math.max(bm25Top, c.bm25());
                }
                byText.retainAll(byVector);
                overlap = byText.size() / 10.0;
            }
            Hit top = hits.isEmpty() ? null : hits.getFirst();
            StringBuilder each = new StringBuilder(); // cosine,coverage,share of each of the top 5
            for (int i = 0; i < Math.min(5, hits.size()); i++) {
                Hit h = hits.get(i);
                each.append(i == 0 ? "" : ";").append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f", h.cosine(), nz(h.coverage()),
                        nz(h.bm25Share())));
            }
            out.printf("%d\t%s\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.4f\t%.2f\t" + each + "\t%s%n", answerable, q.getKey(),
                    q.getValue().split("\\s+").length, cos1, cos5, cos10, top == null ? 0 : nz(top.coverage()), covMax,
                    top == null ? 0 : nz(top.bm25Share()), shareMax, bm25Top, overlap, q.getValue().replace('\t', ' '));
        }
    }

    private static double nz(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
