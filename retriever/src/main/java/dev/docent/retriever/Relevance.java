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
     * 37 at 0.70, recall 0.85): pass a higher threshold there. Collection questions use it only
     * below {@link BackgroundCut#MIN_BACKGROUND} searched documents; above, the cut follows the
     * collection's background ({@link DocumentMatchQuery#backgroundCut}).
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

    /**
     * Below this best-hit relevance the cosine alone cannot tell a passage on a neighbouring subject
     * (a canteen menu for a brownie recipe: 0.014) from one that answers (the sample corpus's
     * lowest answerable question: 0.013), so the text decides, see {@link #confidence(List, String)}.
     */
    static final double NEIGHBOUR_BAND = 0.03;
    /**
     * The idf-weighted share of the question's terms ({@link Hit#coverage}) that some hit must hold
     * within the band; a question's rarest term weighs the most, so missing it alone takes most of the share.
     */
    static final double MIN_COVERAGE = 0.4;

    /**
     * {@link #confidence(List)}, with the text as evidence where the cosine is not enough: when it
     * is under {@link #NEIGHBOUR_BAND}, the question has two words or more, and no hit holds
     * {@link #MIN_COVERAGE} of its terms, the passages are on a neighbouring subject (a travel
     * policy for "How do I renew a passport?": no passage says passport), and the confidence is
     * scaled by the best coverage over {@link #MIN_COVERAGE}. One-word questions keep the cosine's
     * confidence: a single term missing from every passage says nothing about its neighbours
     * ("halibut" over NFCorpus finds the fish-and-mercury abstracts its qrels call relevant).
     * Hits without text evidence (no query text: NaN coverage) keep it too. Measured in
     * docs/benchmarks.md ("found: neighbouring subjects").
     */
    public static double confidence(List<Hit> hits, String question) {
        double best = confidence(hits);
        if (best >= NEIGHBOUR_BAND || Words.count(question) < 2) return best;
        double coverage = Double.NaN;
        for (Hit h : hits) {
            if (!Double.isNaN(h.coverage())) coverage = Double.isNaN(coverage) ? h.coverage() : Math.max(coverage, h.coverage());
        }
        if (Double.isNaN(coverage) || coverage >= MIN_COVERAGE) return best;
        return best * coverage / MIN_COVERAGE;
    }
}
