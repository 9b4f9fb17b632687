package dev.docent.retriever;

/**
 * A chunk that at least one retriever ranked within its search depth, with the raw evidence of
 * both retrievers, so fusion and confidence can use scores and not only ranks.
 *
 * @param id identifies the chunk within the {@link Retrieval} that produced it, and only there
 * @param bm25 the chunk's BM25 score for the query text, also when BM25 did not rank it within the
 *     depth (0 when it shares no term with the query or there was no query text)
 * @param cosine cosine similarity of the query vector and the chunk's vector, also when the vector
 *     search did not rank it within the depth ({@link Double#NaN} when there was no query vector)
 * @param bm25Rank 1-based position in the BM25 ranking, 0 when not within the depth
 * @param vectorRank 1-based position in the vector ranking, 0 when not within the depth
 */
public record Candidate(int id, double bm25, double cosine, int bm25Rank, int vectorRank) {

    public Candidate {
        if (bm25Rank < 0 || vectorRank < 0 || (bm25Rank == 0 && vectorRank == 0)) {
            throw new IllegalArgumentException("a candidate needs a rank from at least one retriever: "
                    + bm25Rank + ", " + vectorRank);
        }
    }

    /** The better of its two ranks (used to break ties deterministically). */
    public int bestRank() {
        if (bm25Rank == 0) return vectorRank;
        if (vectorRank == 0) return bm25Rank;
        return Math.min(bm25Rank, vectorRank);
    }
}
