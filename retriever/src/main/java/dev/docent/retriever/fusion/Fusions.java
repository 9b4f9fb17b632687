package dev.docent.retriever.fusion;

import dev.docent.retriever.Fusion;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fusion specs, the strings the implementations' {@code toString} writes: {@code bm25},
 * {@code vector}, {@code rrf}, {@code rrf(k=60)}, {@code wrrf(k=60,vector=0.7)},
 * {@code convex(vector=0.6,norm=minmax)}, {@code bylength(short=0.6,long=0.8,from=16,to=128)}. Omitted
 * parameters take the defaults below.
 */
public final class Fusions {

    public static final int DEFAULT_RRF_K = 60;
    private static final Pattern SPEC = Pattern.compile("([a-z0-9]+)(?:\\((.*)\\))?");

    private Fusions() {}

    public static Fusion parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a fusion spec: '" + spec + "'");
        Map<String, String> p = params(spec, m.group(2));
        Fusion f = switch (m.group(1)) {
            case "bm25" -> SingleRetriever.BM25;
            case "vector" -> SingleRetriever.VECTOR;
            case "rrf" -> ReciprocalRankFusion.plain(integer(p, "k", DEFAULT_RRF_K, spec));
            case "wrrf" -> {
                double v = decimal(p, "vector", 0.5, spec);
                if (v < 0 || v > 1) throw new IllegalArgumentException("wrrf vector weight must be in [0, 1]: " + spec);
                yield new ReciprocalRankFusion(integer(p, "k", DEFAULT_RRF_K, spec), 2 * (1 - v), 2 * v);
            }
            case "convex" -> new ConvexCombination(decimal(p, "vector", 0.5, spec), normalisation(p, spec));
            case "bylength" -> new QueryLengthFusion(decimal(p, "short", 0.6, spec), decimal(p, "long", 0.8, spec),
                    integer(p, "from", 16, spec), integer(p, "to", 128, spec));
            default -> throw new IllegalArgumentException("unknown fusion '" + m.group(1) + "' in '" + spec
                    + "' (known: bm25, vector, rrf, wrrf, convex, bylength)");
        };
        p.keySet().removeAll(java.util.Set.of("k", "vector", "norm", "short", "long", "from", "to"));
        if (!p.isEmpty()) throw new IllegalArgumentException("unknown parameter(s) " + p.keySet() + " in '" + spec + "'");
        return f;
    }

    /** A weight as specs print it: at most three decimals, no trailing zeros. */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(Math.round(v * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> params(String spec, String list) {
        Map<String, String> out = new HashMap<>();
        if (list == null || list.isBlank()) return out;
        for (String kv : list.split(",")) {
            String[] f = kv.split("=", 2);
            if (f.length != 2) throw new IllegalArgumentException("expected name=value in '" + spec + "', got '" + kv + "'");
            out.put(f[0].strip(), f[1].strip());
        }
        return out;
    }

    private static ConvexCombination.Normalisation normalisation(Map<String, String> p, String spec) {
        String n = p.getOrDefault("norm", "minmax");
        for (var v : ConvexCombination.Normalisation.values()) {
            if (v.name().equalsIgnoreCase(n)) return v;
        }
        throw new IllegalArgumentException("norm must be minmax or zscore in '" + spec + "'");
    }

    private static int integer(Map<String, String> p, String key, int fallback, String spec) {
        String v = p.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number in '" + spec + "'");
        }
    }

    private static double decimal(Map<String, String> p, String key, double fallback, String spec) {
        String v = p.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number in '" + spec + "'");
        }
    }
}
