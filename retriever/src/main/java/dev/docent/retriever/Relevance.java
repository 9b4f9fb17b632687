package dev.docent.retriever;

import java.util.List;

/**
 * Relevance on one scale for every question: a logistic map of the cosine similarity between the
 * question and a chunk, fitted on SciFact and NFCorpus qrels (the 20 nearest chunks of each test
 * query, each set weighted equally) for the default embedding model, bge-small-en-v1.5. A
 * citation's score is this number, so 0.6 means the same on every question; fused scores only
 * order hits within one search. {@link #confidence} is the best hit's relevance. Both change
 * meaning with another embedding model and must be refitted for it (docs/benchmarks.md).
 */
public final class Relevance {

    /** Logistic slope and intercept over cosine (fitted; see the class comment). */
    static final double SLOPE = 14.80;
    static final double INTERCEPT = -12.64;
    /**
     * Confidence below which {@code /ask} says the documents do not seem to contain the answer:
     * the level that keeps false "not found" on the eval sets' own queries at or under 2 %
     * (docs/benchmarks.md). {@code ask.found_threshold} in config overrides it.
     */
    public static final double DEFAULT_FOUND_THRESHOLD = 0.011;

    /**
     * The cosine at which a chunk matches a query vector in {@link Searcher#matchDocuments}
     * ({@link DocumentMatchQuery#minCosine}): CALIBRATION.
     */
    public static final double DEFAULT_DOCUMENT_MATCH_COSINE = 0.62;

    private Relevance() {}

    /** In [0, 1]; 0 without a cosine (no query vector). */
    public static double of(double cosine) {
        if (Double.isNaN(cosine)) return 0;
        return 1 / (1 + Math.exp(-(SLOPE * cosine + INTERCEPT)));
    }

    public static double of(Hit hit) {
        return of(hit.cosine());
    }

    /** How likely it is that {@code hits} hold the answer: the best hit's relevance, 0 for none. */
    public static double confidence(List<Hit> hits) {
        double best = 0;
        for (Hit h : hits) best = Math.max(best, of(h));
        return best;
    }
}
