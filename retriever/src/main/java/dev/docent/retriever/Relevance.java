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
     * ({@link DocumentMatchQuery#minCosine}), for bge-small-en-v1.5. Chosen on the sample corpus (28
     * documents, 94 chunks; a document matches when its best chunk reaches the threshold), favouring
     * recall as an exhaustive list should: its 75 questions find their expected file at 0.60 with
     * recall 0.97 (0.93 at 0.62, 0.89 at 0.65), 24 short paraphrased topics ("renting a storage
     * building" for the warehouse lease) with recall 0.88 and precision 0.40 against one or two
     * judged files (0.85 / 0.54 at 0.62, 0.65 / 0.68 at 0.65), while 6 off-topic queries match 0.17
     * documents each (0 from 0.64). The pair, "fleet electrification" and a passage on
     * battery-powered trucks, has cosine 0.617; a PK-3 battery passage 0.626: cosine alone cannot
     * separate such neighbours, so a vector-only match is flagged as one. In a single-domain corpus
     * most chunks lie above it (SciFact: 764 of 5,183 abstracts per query at 0.625, recall 0.98;
     * 37 at 0.70, recall 0.85): pass a higher threshold there.
     */
    public static final double DEFAULT_DOCUMENT_MATCH_COSINE = 0.60;

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
