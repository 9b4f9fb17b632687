package dev.docent.eval;

import java.util.Arrays;

/** Percentiles of per-query latencies, nearest-rank (the value at or below which p % of them lie). */
public final class Latency {

    private Latency() {}

    /** The {@code p}-th percentile (0 < p <= 100) of {@code nanos}, in milliseconds; 0 when empty. */
    public static double percentileMillis(long[] nanos, double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        if (nanos.length == 0) return 0;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
