package dev.docent.retriever;

import dev.docent.retriever.fusion.Fusions;
import java.util.List;

/**
 * A search as {@code /ask} runs it: both retrievers to a candidate depth, then a {@link Fusion}.
 *
 * @param searcher the index's searching side
 * @param fusion how the candidates become one ranking
 * @param depth candidates each retriever contributes (at least the number of hits asked for)
 */
public record HybridSearch(Searcher searcher, Fusion fusion, int depth) {

    /** The fusion {@code /ask} uses, chosen by measurement on SciFact and NFCorpus (docs/benchmarks.md). */
    public static final String DEFAULT_FUSION = "rrf(k=60)";
    /** Candidates per retriever by default. */
    public static final int DEFAULT_DEPTH = 50;

    public HybridSearch {
        if (searcher == null || fusion == null) throw new IllegalArgumentException("searcher and fusion are required");
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }

    /** The default fusion and depth over {@code searcher}. */
    public static HybridSearch defaults(Searcher searcher) {
        return new HybridSearch(searcher, Fusions.parse(DEFAULT_FUSION), DEFAULT_DEPTH);
    }

    /**
     * The best {@code topK} chunks for a question, given as text (for BM25) and as a vector (for the
     * vector search); either may be null. Retrievers the fusion does not read are not run.
     */
    public List<Hit> search(String text, float[] vector, int topK) {
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        try (Retrieval r = searcher.retrieve(fusion.usesBm25() ? text : null, fusion.usesVector() ? vector : null,
                Math.max(depth, topK))) {
            return r.hits(fusion.rank(r.candidates(), topK));
        }
    }
}
