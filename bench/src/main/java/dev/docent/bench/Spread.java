package dev.docent.bench;

import java.util.List;

/** Median and range of per-round figures: one run's rounds, so machine noise shows in the range. */
record Spread(double median, double min, double max, int n) {

    static Spread of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Spread(median, v[0], v[v.length - 1], v.length);
    }

    /** e.g. "0.91 (0.85-0.97, n=5)" with {@code decimals} places. */
    String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(f + " (" + f + "-" + f + ", n=%d)", median, min, max, n);
    }
}
