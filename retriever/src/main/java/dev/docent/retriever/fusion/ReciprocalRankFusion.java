package dev.docent.retriever.fusion;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fusion;
import java.util.List;

/**
 * Reciprocal rank fusion (Cormack et al. 2009), optionally weighted: a chunk scores
 * {@code w_bm25 / (k + rank_bm25) + w_vector / (k + rank_vector)}, a list it is absent from
 * adding nothing. Ranks only: raw scores are ignored, so it needs no normalisation, and it cannot
 * tell a close second from a distant one.
 *
 * @param k damping constant; 60 in the original paper and in Lucene's {@code TopDocs.rrf}
 * @param bm25Weight weight of the BM25 ranking
 * @param vectorWeight weight of the vector ranking
 */
public record ReciprocalRankFusion(int k, double bm25Weight, double vectorWeight) implements Fusion {

    public ReciprocalRankFusion {
        if (k < 1) throw new IllegalArgumentException("rrf k must be >= 1, got " + k);
        if (bm25Weight < 0 || vectorWeight < 0 || bm25Weight + vectorWeight == 0) {
            throw new IllegalArgumentException("rrf weights must be >= 0 and not both 0");
        }
    }

    /** Plain RRF: both rankings weigh the same. */
    public static ReciprocalRankFusion plain(int k) {
        return new ReciprocalRankFusion(k, 1, 1);
    }

    @Override
    public double[] scores(List<Candidate> candidates) {
        double[] s = new double[candidates.size()];
        for (int i = 0; i < s.length; i++) {
            Candidate c = candidates.get(i);
            if (c.bm25Rank() > 0) s[i] += bm25Weight / (k + c.bm25Rank());
            if (c.vectorRank() > 0) s[i] += vectorWeight / (k + c.vectorRank());
        }
        return s;
    }

    @Override
    public String toString() {
        return bm25Weight == vectorWeight ? "rrf(k=" + k + ")"
                : "wrrf(k=" + k + ",vector=" + Fusions.number(vectorWeight / (bm25Weight + vectorWeight)) + ")";
    }
}
