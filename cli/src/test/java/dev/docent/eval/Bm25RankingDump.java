package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.fusion.SingleRetriever;
import dev.docent.retriever.lucene.ChunkIndex;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tool, not a test: writes each query's BM25 ranking (top 1,000, with raw score, coverage and
 * BM25 share) as TSV, so fusion rules can be tried offline against the cached vectors
 * ({@code passages.bin}, {@code queries.bin} / {@code queries-long.bin}: exact kNN is a matrix
 * product) in seconds instead of a full {@code eval} per rule. Needs the cache {@code docent eval
 * --data DIR} made. {@code java -cp ... dev.docent.eval.Bm25RankingDump DIR/eval SET_DIR OUT.tsv [long]}
 */
public final class Bm25RankingDump {

    private static final int DEPTH = 1000;

    public static void main(String[] args) throws Exception {
        Path cacheRoot = Path.of(args[0]), setDir = Path.of(args[1]);
        boolean longQueries = args.length > 3 && args[3].equals("long");
        BeirSet corpusSet = BeirSet.load(setDir);
        BeirSet set = longQueries ? LongQueries.of(setDir, corpusSet) : corpusSet;
        PrintStream log = System.err;
        try (Embedder embedder = Embedders.byName(Embedders.DEFAULT_MODEL, 2);
                PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[2])), false, "UTF-8")) {
            Path cache = cacheRoot.resolve(setDir.getFileName().toString()).resolve(Embedders.DEFAULT_MODEL);
            // Embeds what is missing, so the offline study finds every query vector cached.
            if (longQueries) EvalIndex.longQueryVectors(set.queries(), embedder, cache, log);
            else EvalIndex.queryVectors(set.queries(), embedder, cache, log);
            try (ChunkIndex index = EvalIndex.open(corpusSet, embedder, cache, log)) {
                var searcher = index.searcher();
                out.println("query\tdoc\tbm25\tcoverage\tshare");
                for (var q : set.queries().entrySet()) {
                    try (Retrieval r = searcher.retrieve(q.getValue(), null, DEPTH)) {
                        List<Hit> hits = r.hits(SingleRetriever.BM25.rank(r.candidates(), DEPTH));
                        for (Hit h : hits) {
                            out.printf(Locale.ROOT, "%s\t%s\t%.6f\t%.5f\t%.5f%n", q.getKey(), h.path(), h.bm25(), h.coverage(),
                                    h.bm25Share());
                        }
                    }
                }
            }
            try (PrintStream qrels = new PrintStream(Files.newOutputStream(Path.of(args[2] + ".qrels")), false, "UTF-8")) {
                for (var q : set.qrels().entrySet()) {
                    if (!set.queries().containsKey(q.getKey())) continue;
                    for (Map.Entry<String, Integer> d : q.getValue().entrySet()) qrels.printf("%s\t%s\t%d%n", q.getKey(), d.getKey(), d.getValue());
                }
            }
            try (PrintStream texts = new PrintStream(Files.newOutputStream(Path.of(args[2] + ".queries")), false, "UTF-8")) {
                set.queries().forEach((id, text) -> texts.printf("%s\t%s%n", id, text.replace('\t', ' ').replace('\n', ' ')));
            }
        }
    }
}
