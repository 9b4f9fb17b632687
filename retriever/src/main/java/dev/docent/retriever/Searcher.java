package dev.docent.retriever;

import java.util.List;

/**
 * The searching side of the index: runs BM25 and the vector search and returns their candidates
 * with raw scores. Ranking them into one list is a {@link Fusion}'s job, outside the index.
 */
public interface Searcher {

    /**
     * The best {@code depth} chunks by BM25 over {@code text} and the best {@code depth} by cosine
     * similarity to {@code vector}. Either may be null (that retriever is skipped). Close the result.
     */
    Retrieval retrieve(String text, float[] vector, int depth);

    /**
     * Every document that matches {@code query}, not a top k: a document matches when one of its
     * chunks contains all of the query's terms and phrases (after the same analysis as BM25 search;
     * the title and heading count, as BM25 indexes them with each chunk) or has a cosine to the
     * query vector of at least {@link DocumentMatchQuery#minCosine}, and the path filter accepts it.
     * Without text and vector, every accepted document matches. Ordered by {@link DocumentMatch#score},
     * best first, ties by path; the list's size is the total.
     */
    List<DocumentMatch> matchDocuments(DocumentMatchQuery query);
}
