package dev.docent.retriever;

/**
 * Where matching by meaning stops in a document-level search ({@link DocumentMatchQuery#againstBackground}):
 * a document matches when its best chunk's cosine to the question stands out from the collection's
 * background, not when it passes one fixed cosine. The cosine of a paraphrase to the passage it
 * paraphrases (0.62 for "battery-powered trucks" and a fleet electrification plan) is no higher than
 * that of neighbouring passages to another question, so a fixed threshold lists neighbours for one
 * subject and misses the answer for another; the distance from this question's own background does
 * not depend on how "wide" the question's embedding happens to be.
 *
 * <p>The rule: the best cosine of every searched document is taken as a sample of the background
 * (the few relevant documents barely move its mean and deviation); the cut is the cosine that, if
 * the background were normal, {@value #CHANCE_MATCHES} documents would reach by chance:
 * {@code mean + z * sd} with {@code z = Φ⁻¹(1 - CHANCE_MATCHES / n)}, so a larger collection needs
 * a document to stand out further (n = 54: z = 2.25; 1,000: 3.21; 100,000: 4.36). Never below
 * {@link #FLOOR}. Under {@link #MIN_BACKGROUND} documents there is no background to speak of, and
 * the fixed {@link Relevance#DEFAULT_DOCUMENT_MATCH_COSINE} applies. Chosen on a held-out set of 25
 * paraphrased questions over sample-corpus (assistant's test resource
 * {@code collection/paraphrase-dev.tsv}; docs/benchmarks.md): mean F1 0.64 at z = 2.25, best on
 * the plateau 2.2–2.35, against 0.55 for the fixed cosine 0.60; for bge-small-en-v1.5.
 */
public final class BackgroundCut {

    /** How many documents may pass the cut by chance, whatever the collection's size. */
    public static final double CHANCE_MATCHES = 0.66;
    /** The cut never goes below this cosine (no held-out question had a match under 0.58). */
    public static final double FLOOR = 0.55;
    /** Fewer searched documents than this: the fixed threshold applies. */
    public static final int MIN_BACKGROUND = 20;

    private BackgroundCut() {}

    /**
     * @param bestCosines the best chunk cosine of each searched document (at least one chunk with a
     *     vector), in any order
     * @param count how many of {@code bestCosines} are filled
     * @return the cosine at or above which a document matches by meaning
     */
    public static double of(double[] bestCosines, int count) {
        if (count < MIN_BACKGROUND) return Relevance.DEFAULT_DOCUMENT_MATCH_COSINE;
        double sum = 0;
        for (int i = 0; i < count; i++) sum += bestCosines[i];
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) squares += (bestCosines[i] - mean) * (bestCosines[i] - mean);
        double sd = Math.sqrt(squares / count);
        return Math.max(FLOOR, mean + zFor(count) * sd);
    }

    /** The standard normal quantile that {@link #CHANCE_MATCHES} of {@code n} documents exceed. */
    static double zFor(int n) {
        return normalQuantile(1 - CHANCE_MATCHES / n);
    }

    /**
     * Φ⁻¹(p) for 0 < p < 1, by Acklam's rational approximation (relative error under 1.2e-9, far
     * finer than the cut needs).
     */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -normalQuantile(1 - p);
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
