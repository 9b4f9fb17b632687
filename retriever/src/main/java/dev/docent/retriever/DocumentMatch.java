package dev.docent.retriever;

import java.util.List;

/**
 * One document that {@link Searcher#matchDocuments} found, with the chunks it was found on.
 *
 * @param path the document
 * @param passages up to {@link DocumentMatchQuery#passagesPerDocument} of its matching chunks, best
 *     first: chunks that matched the text by BM25, then chunks that matched only the vector by
 *     cosine (ties in index order). Each {@link Hit} has its page, offsets, raw BM25 (0 without a
 *     shared term), cosine (NaN without a query vector), text-match evidence (NaN without text) and
 *     as its score the passage's cosine when the query has a vector, else its BM25. Without any
 *     condition (no text, no vector): the document's first chunks, in document order, scored 0.
 * @param textMatch whether a chunk contains all of the query's terms and phrases
 * @param vectorMatch whether a chunk's cosine to the query vector reaches the threshold
 * @param score the best cosine of its matching chunks when the query has a vector (comparable
 *     across searches), else their best BM25 (comparable within one search), 0 without a condition
 * @param matchingChunks how many of its chunks matched (passages holds at most a few of them)
 */
public record DocumentMatch(String path, List<Hit> passages, boolean textMatch, boolean vectorMatch, double score,
        int matchingChunks) {

    public DocumentMatch {
        passages = List.copyOf(passages);
    }
}
