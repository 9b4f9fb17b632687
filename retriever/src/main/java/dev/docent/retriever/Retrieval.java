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

    @Override
    void close();
}
