package dev.docent.retriever;

import java.util.function.Predicate;

/**
 * What {@link Searcher#matchDocuments} looks for: every document with a chunk that contains all of
 * {@code text}'s terms and phrases, or a chunk whose vector is within {@code minCosine} of
 * {@code vector}, among the documents {@code paths} accepts.
 *
 * <p>{@code text} is analysed as BM25 search analyses it, once per language the index holds: stop
 * words dropped, words stemmed (so "invoices" requires what "invoice" does); each remaining term
 * is required, and text between double quotes ({@code "..."}, also typographic quotes) must occur
 * as that phrase. A chunk matches in its own language's analysis. Null or blank text sets no text
 * condition; text with no searchable term (only stop words) matches no chunk.
 *
 * @param text the required terms and quoted phrases, or null / blank for none
 * @param vector the query's embedding (unit length), or null for no vector condition
 * @param minCosine a chunk matches the vector when its cosine similarity is at least this
 *     ({@link Relevance#DEFAULT_DOCUMENT_MATCH_COSINE} for the default model); unused without a vector
 *     or with {@code backgroundCut}
 * @param paths which documents may match (tested once per path), or null for all
 * @param passagesPerDocument how many of a document's matching chunks it returns, at least 1
 * @param backgroundCut when true, the vector's threshold is not {@code minCosine} but
 *     {@link BackgroundCut#of} the best cosines of every document {@code paths} accepts: a document
 *     matches by meaning when it stands out from this question's background
 */
public record DocumentMatchQuery(String text, float[] vector, double minCosine, Predicate<String> paths,
        int passagesPerDocument, boolean backgroundCut) {

    /** Passages per document when not given: enough to show where, few enough to read. */
    public static final int DEFAULT_PASSAGES = 3;

    public DocumentMatchQuery {
        if (passagesPerDocument < 1) {
            throw new IllegalArgumentException("passagesPerDocument must be >= 1, got " + passagesPerDocument);
        }
        if (vector != null && !(minCosine >= -1 && minCosine <= 1)) {
            throw new IllegalArgumentException("minCosine must be in [-1, 1], got " + minCosine);
        }
    }

    /** A query with a fixed cosine threshold. */
    public DocumentMatchQuery(String text, float[] vector, double minCosine, Predicate<String> paths, int passagesPerDocument) {
        this(text, vector, minCosine, paths, passagesPerDocument, false);
    }

    /** Text and/or vector, the default cosine threshold, every document, {@link #DEFAULT_PASSAGES} passages each. */
    public static DocumentMatchQuery of(String text, float[] vector) {
        return new DocumentMatchQuery(text, vector, Relevance.DEFAULT_DOCUMENT_MATCH_COSINE, null, DEFAULT_PASSAGES);
    }

    /** Every document {@code paths} accepts, whatever it says (for questions about metadata alone). */
    public static DocumentMatchQuery all(Predicate<String> paths) {
        return new DocumentMatchQuery(null, null, Relevance.DEFAULT_DOCUMENT_MATCH_COSINE, paths, DEFAULT_PASSAGES);
    }

    /** This query limited to the documents {@code newPaths} accepts (null: all). */
    public DocumentMatchQuery withPaths(Predicate<String> newPaths) {
        return new DocumentMatchQuery(text, vector, minCosine, newPaths, passagesPerDocument, backgroundCut);
    }

    /** This query with another cosine threshold. */
    public DocumentMatchQuery withMinCosine(double newMinCosine) {
        return new DocumentMatchQuery(text, vector, newMinCosine, paths, passagesPerDocument, backgroundCut);
    }

    /** This query returning up to {@code n} passages per document. */
    public DocumentMatchQuery withPassages(int n) {
        return new DocumentMatchQuery(text, vector, minCosine, paths, n, backgroundCut);
    }

    /** This query with its vector threshold set by the background ({@link BackgroundCut}), not by {@code minCosine}. */
    public DocumentMatchQuery withBackgroundCut() {
        return new DocumentMatchQuery(text, vector, minCosine, paths, passagesPerDocument, true);
    }

    /** Whether the text sets a condition (it is neither null nor blank). */
    public boolean hasText() {
        return text != null && !text.isBlank();
    }
}
