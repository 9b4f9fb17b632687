package dev.docent.retriever;

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
}
