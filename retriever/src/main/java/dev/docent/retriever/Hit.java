package dev.docent.retriever;

/**
 * A search result with everything needed to cite it, and the raw evidence it was found on.
 *
 * @param path source file
 * @param title document title
 * @param page 1-based page, or 0 when the format has no pages
 * @param heading section heading, or empty
 * @param ordinal chunk position in its document
 * @param startOffset chunk start offset (see {@link IndexedChunk})
 * @param endOffset chunk end offset
 * @param text the chunk text
 * @param score the score its ranking gave it (the {@link Fusion}'s; comparable within one search only)
 * @param bm25 raw BM25 score of the chunk for the query text (0: no shared term)
 * @param cosine cosine similarity of the chunk to the query vector, NaN without a query vector
 * @param coverage the share of the query's terms that occur in the chunk, each term weighted by its
 *     idf in the index (a term no chunk has weighs the most), in [0, 1]; NaN without query text
 * @param bm25Share {@code bm25} over the most BM25 could give this query, the sum of its terms' idf
 *     (Lucene's BM25 approaches a term's idf as its frequency grows), in [0, 1); NaN without query text
 */
public record Hit(
        String path,
        String title,
        int page,
        String heading,
        int ordinal,
        int startOffset,
        int endOffset,
        String text,
        double score,
        double bm25,
        double cosine,
        double coverage,
        double bm25Share) {

    /** A hit without the text-match evidence (NaN coverage and share). */
    public Hit(String path, String title, int page, String heading, int ordinal, int startOffset, int endOffset,
            String text, double score, double bm25, double cosine) {
        this(path, title, page, heading, ordinal, startOffset, endOffset, text, score, bm25, cosine, Double.NaN, Double.NaN);
    }

    /** This hit with {@code cosine} as its cosine similarity (to the question, after feedback moved the query). */
    public Hit withCosine(double newCosine) {
        return new Hit(path, title, page, heading, ordinal, startOffset, endOffset, text, score, bm25, newCosine, coverage,
                bm25Share);
    }

    /** This hit with {@code newScore} as its ranking score, the raw evidence kept. */
    public Hit withScore(double newScore) {
        return new Hit(path, title, page, heading, ordinal, startOffset, endOffset, text, newScore, bm25, cosine, coverage,
                bm25Share);
    }

    /** This hit with its text-match evidence. */
    public Hit withTextMatch(double newCoverage, double newBm25Share) {
        return new Hit(path, title, page, heading, ordinal, startOffset, endOffset, text, score, bm25, cosine, newCoverage,
                newBm25Share);
    }

    /** A hit without raw evidence (e.g. listing a document's chunks). */
    public Hit(String path, String title, int page, String heading, int ordinal, int startOffset, int endOffset,
            String text, double score) {
        this(path, title, page, heading, ordinal, startOffset, endOffset, text, score, 0, Double.NaN, Double.NaN, Double.NaN);
    }
}
