package dev.docent.retriever;

import java.util.List;

/**
 * The outcome of running both retrievers once over one snapshot of the index. Holds that snapshot
 * open until closed, so the candidates' ids stay valid for {@link #hits}.
 */
public interface Retrieval extends AutoCloseable {

    /** Every chunk either retriever ranked within the depth, in no particular order. */
    List<Candidate> candidates();

    /** The citation data of {@code ranked}, in the same order, each with its fused score. */
    List<Hit> hits(List<Fused> ranked);

    /** The stored vector of {@code candidate} (unit length), or null if it has none. */
    float[] vector(Candidate candidate);

    /**
     * The stored vectors of {@code candidates}, in their order (null for one without). An index
     * behind a network fetches them all in one request, where asking one by one costs a round trip each.
     */
    default java.util.List<float[]> vectors(java.util.List<Candidate> candidates) {
        java.util.List<float[]> out = new java.util.ArrayList<>(candidates.size());
        for (Candidate c : candidates) out.add(vector(c));
        return out;
    }

    @Override
    void close();
}
