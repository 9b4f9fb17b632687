package dev.docent.retriever.fusion;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Fusion;
import java.util.Comparator;
import java.util.List;

/** No fusion: one retriever's own ranking, by its raw score. */
public enum SingleRetriever implements Fusion {
    BM25,
    VECTOR;

    @Override
    public double[] scores(List<Candidate> candidates) {
        double[] s = new double[candidates.size()];
        for (int i = 0; i < s.length; i++) {
            Candidate c = candidates.get(i);
            // A chunk this retriever did not rank is not part of its answer.
            s[i] = ownRank(c) == 0 ? Double.NEGATIVE_INFINITY : this == BM25 ? c.bm25() : c.cosine();
        }
        return s;
    }

    /** The retriever's own order, ties included, and only the chunks it ranked. */
    @Override
    public List<Fused> rank(List<Candidate> candidates, int topK) {
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        return candidates.stream()
                .filter(c -> ownRank(c) > 0)
                .sorted(Comparator.comparingInt(this::ownRank))
                .limit(topK)
                .map(c -> new Fused(c, this == BM25 ? c.bm25() : c.cosine()))
                .toList();
    }

    private int ownRank(Candidate c) {
        return this == BM25 ? c.bm25Rank() : c.vectorRank();
    }

    @Override
    public boolean usesBm25() {
        return this == BM25;
    }

    @Override
    public boolean usesVector() {
        return this == VECTOR;
    }

    @Override
    public String toString() {
        return this == BM25 ? "bm25" : "vector";
    }
}
