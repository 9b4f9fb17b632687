package dev.docent.retriever;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pseudo-relevance feedback on the query vector (Rocchio): after a first fused ranking, the query
 * vector moves towards the mean vector of the best {@code docs} chunks, {@code q' = q + weight *
 * mean(top)}, normalised, and both retrievers run again. It helps when the question's wording is
 * far from the documents' while the best hits are right (measured in docs/benchmarks.md). Scores
 * reported in hits stay the original question's, so confidence is not inflated by the feedback.
 *
 * @param docs how many of the first ranking's chunks feed back; 0 turns feedback off
 * @param weight how far the query moves towards them
 */
public record VectorFeedback(int docs, double weight) {

    /** No feedback: one retrieval. */
    public static final VectorFeedback NONE = new VectorFeedback(0, 0);
    private static final Pattern SPEC = Pattern.compile("prf(?:\\(docs=(\\d+)(?:,weight=([0-9.]+))?\\))?");

    public VectorFeedback {
        if (docs < 0 || !(weight >= 0)) throw new IllegalArgumentException("feedback needs docs >= 0 and weight >= 0");
    }

    public boolean enabled() {
        return docs > 0 && weight > 0;
    }

    /** Reads {@code prf(docs=3,weight=1)} (or {@code prf}: 3 and 1) or {@code none}. */
    public static VectorFeedback parse(String spec) {
        String s = spec.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("none")) return NONE;
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("not a feedback spec: '" + spec + "' (e.g. prf(docs=3,weight=1), none)");
        return new VectorFeedback(m.group(1) == null ? 3 : Integer.parseInt(m.group(1)),
                m.group(2) == null ? 1 : Double.parseDouble(m.group(2)));
    }

    /** The moved query: {@code query + weight * mean(top)}, unit length. */
    public float[] refine(float[] query, List<float[]> top) {
        double[] q = new double[query.length];
        for (int i = 0; i < q.length; i++) q[i] = query[i];
        for (float[] v : top) {
            for (int i = 0; i < q.length; i++) q[i] += weight * v[i] / top.size();
        }
        double norm = 0;
        for (double x : q) norm += x * x;
        norm = Math.sqrt(norm);
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) out[i] = (float) (norm > 0 ? q[i] / norm : 0);
        return out;
    }

    @Override
    public String toString() {
        return enabled() ? "prf(docs=" + docs + ",weight=" + java.math.BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString() + ")" : "none";
    }
}
