package dev.docent.retriever;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How BM25 scores a chunk's text. Every chunk's analysed text holds its title and heading as well
 * as its body; the boosts add the query terms found in the title or heading once more, weighted.
 *
 * @param k1 BM25 term-frequency saturation (Lucene's default 1.2; Anserini uses 0.9 for BEIR)
 * @param b BM25 length normalisation (Lucene's default 0.75; Anserini uses 0.4 for BEIR)
 * @param titleBoost weight of matches in the document title, 0 for none beyond the flat field
 * @param headingBoost weight of matches in the section heading, 0 for none beyond the flat field
 */
public record TextScoring(double k1, double b, double titleBoost, double headingBoost) {

    /** Lucene's BM25 over one field (title + heading + text), no boosts. */
    public static final TextScoring FLAT = new TextScoring(1.2, 0.75, 0, 0);
    /** What the index uses unless told otherwise, chosen by measurement (docs/benchmarks.md). */
    public static final TextScoring DEFAULT = FLAT;

    public TextScoring {
        if (!(k1 >= 0) || !(b >= 0 && b <= 1) || !(titleBoost >= 0) || !(headingBoost >= 0)) {
            throw new IllegalArgumentException("BM25 needs k1 >= 0, b in [0, 1], boosts >= 0; got " + spec(k1, b, titleBoost, headingBoost));
        }
    }

    /** Reads {@code k1=0.9,b=0.4,title=1,heading=0.5}; omitted keys keep {@link #DEFAULT}'s values. */
    public static TextScoring parse(String spec) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String kv : spec.split(",")) {
            if (kv.isBlank()) continue;
            String[] f = kv.split("=", 2);
            if (f.length != 2) throw new IllegalArgumentException("expected name=value in '" + spec + "', got '" + kv + "'");
            try {
                v.put(f[0].strip(), Double.parseDouble(f[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(f[0].strip() + " must be a number in '" + spec + "'");
            }
        }
        TextScoring d = DEFAULT;
        TextScoring out = new TextScoring(v.getOrDefault("k1", d.k1), v.getOrDefault("b", d.b),
                v.getOrDefault("title", d.titleBoost), v.getOrDefault("heading", d.headingBoost));
        v.keySet().removeAll(java.util.Set.of("k1", "b", "title", "heading"));
        if (!v.isEmpty()) throw new IllegalArgumentException("unknown BM25 setting(s) " + v.keySet() + " (known: k1, b, title, heading)");
        return out;
    }

    @Override
    public String toString() {
        return spec(k1, b, titleBoost, headingBoost);
    }

    private static String spec(double k1, double b, double title, double heading) {
        return "k1=" + k1 + ",b=" + b + ",title=" + title + ",heading=" + heading;
    }
}
