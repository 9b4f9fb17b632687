package dev.docent.retriever.fusion;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Fusion;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.VectorFeedback;

import java.util.ArrayList;
import java.util.List;

/**
 * A search as {@code /ask} runs it: both retrievers to a candidate depth, a {@link Fusion}, and
 * optionally {@link VectorFeedback} (a second round with the query vector moved towards the
 * first round's best chunks).
 *
 * @param searcher the index's searching side
 * @param fusion how the candidates become one ranking
 * @param depth candidates each retriever contributes (at least the number of hits asked for)
 * @param feedback pseudo-relevance feedback on the query vector, or {@link VectorFeedback#NONE}
 */
public record HybridSearch(Searcher searcher, Fusion fusion, int depth, VectorFeedback feedback) {

    /**
     * The fusion {@code /ask} uses, chosen by measurement on SciFact, NFCorpus and their long-query
     * checks (docs/benchmarks.md): z-scored raw scores, cosine weighted 0.6 (BM25 0.4) up to
     * 16 words, rising with the logarithm of the length to 0.8 at 128 words and more
     * ({@link QueryLengthFusion}).
     */
    public static final String DEFAULT_FUSION = "bylength(short=0.6,long=0.8,from=16,to=128)";
    /**
     * Feedback {@code /ask} uses: the two best chunks, weight 1 (with the fusion above, the best mean
     * nDCG@10 over both sets under each BM25 setting tried).
     */
    public static final String DEFAULT_FEEDBACK = "prf(docs=2,weight=1)";
    /** Candidates per retriever by default. */
    public static final int DEFAULT_DEPTH = 100;

    public HybridSearch {
        if (searcher == null || fusion == null || feedback == null) {
            throw new IllegalArgumentException("searcher, fusion and feedback are required");
        }
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }

    public HybridSearch(Searcher searcher, Fusion fusion, int depth) {
        this(searcher, fusion, depth, VectorFeedback.NONE);
    }

    /** The default fusion, depth and feedback over {@code searcher}. */
    public static HybridSearch defaults(Searcher searcher) {
        return new HybridSearch(searcher, Fusions.parse(DEFAULT_FUSION), DEFAULT_DEPTH, VectorFeedback.parse(DEFAULT_FEEDBACK));
    }

    /**
     * The best {@code topK} chunks for a question, given as text (for BM25) and as a vector (for the
     * vector search); either may be null. Retrievers the fusion does not read are not run.
     */
    public List<Hit> search(String text, float[] vector, int topK) {
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        Fusion fusion = this.fusion.forQuery(text);
        String t = fusion.usesBm25() ? text : null;
        float[] v = fusion.usesVector() ? vector : null;
        int n = Math.max(depth, topK);
        try (Retrieval first = searcher.retrieve(t, v, n)) {
            if (v == null || !feedback.enabled()) {
                return first.hits(fusion.rank(first.candidates(), topK));
            }
            List<float[]> top = new ArrayList<>();
            for (float[] dv : first.vectors(candidates(fusion.rank(first.candidates(), feedback.docs())))) {
                if (dv != null) top.add(dv);
            }
            if (top.isEmpty()) return first.hits(fusion.rank(first.candidates(), topK));
            try (Retrieval second = searcher.retrieve(t, feedback.refine(v, top), n)) {
                List<Fused> ranked = fusion.rank(second.candidates(), topK);
                List<Hit> hits = second.hits(ranked);
                // Report the evidence against the question itself, not against the moved query.
                List<Hit> out = new ArrayList<>(hits.size());
                List<float[]> vectors = second.vectors(candidates(ranked));
                for (int i = 0; i < hits.size(); i++) {
                    float[] dv = vectors.get(i);
                    out.add(dv == null ? hits.get(i) : hits.get(i).withCosine(dot(vector, dv)));
                }
                return out;
            }
        }
    }

    private static List<Candidate> candidates(List<Fused> ranked) {
        List<Candidate> out = new ArrayList<>(ranked.size());
        for (Fused f : ranked) out.add(f.candidate());
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
