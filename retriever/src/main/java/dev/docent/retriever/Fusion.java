package dev.docent.retriever;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the candidates of both retrievers into one ranking. Implementations are pure functions of
 * the candidates (no index access), so they can be swapped, measured and tested against an oracle.
 */
public interface Fusion {

    /** Ties in score are broken by the better single rank, then by BM25 rank, then by id. */
    Comparator<Fused> ORDER = Comparator.comparingDouble(Fused::score).reversed()
            .thenComparingInt(f -> f.candidate().bestRank())
            .thenComparingInt(f -> f.candidate().bm25Rank() == 0 ? Integer.MAX_VALUE : f.candidate().bm25Rank())
            .thenComparingInt(f -> f.candidate().id());

    /** One score per candidate, in the candidates' order; a higher score ranks first. */
    double[] scores(List<Candidate> candidates);

    /**
     * The fusion to rank one question's candidates with, given the question's text (null when
     * there is none): a fusion that adapts to the question returns the one for it, the others
     * themselves. {@link #scores} alone is the fusion for a question it knows nothing of.
     */
    default Fusion forQuery(String text) {
        return this;
    }

    /** Which retrievers this fusion reads; the others need not run. */
    default boolean usesBm25() {
        return true;
    }

    default boolean usesVector() {
        return true;
    }

    /** The best {@code topK} candidates, best first. */
    default List<Fused> rank(List<Candidate> candidates, int topK) {
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        double[] s = scores(candidates);
        List<Fused> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < s.length; i++) {
            // NaN would sort first; a candidate without a score ranks last instead. Scores equal but
            // for rounding (1/61 + 1/63 summed in another order) are made equal, so the tie-break decides.
            double score = Double.isNaN(s[i]) ? Double.NEGATIVE_INFINITY : Math.rint(s[i] * 1e9) / 1e9;
            out.add(new Fused(candidates.get(i), score));
        }
        out.sort(ORDER);
        return out.size() > topK ? List.copyOf(out.subList(0, topK)) : out;
    }
}
