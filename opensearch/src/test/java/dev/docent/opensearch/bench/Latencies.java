package dev.docent.opensearch.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of one round's times, and the median and spread of per-round ratios. */
public final class Latencies {

    private Latencies() {}

    /** The {@code p}th percentile (nearest rank) of {@code ms}, which is sorted in place. */
    public static double pct(double[] ms, int p) {
        Arrays.sort(ms);
        return ms[Math.min(ms.length - 1, (int) Math.ceil(p / 100.0 * ms.length) - 1)];
    }

    /** "median M (min A, max B)" of per-round ratios. */
    public static String spread(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return String.format("median %.2f (min %.2f, max %.2f, %d rounds)", s.get(s.size() / 2), s.getFirst(), s.getLast(), s.size());
    }

    public static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }
}
