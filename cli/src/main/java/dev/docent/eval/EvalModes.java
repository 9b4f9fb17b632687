package dev.docent.eval;

import dev.docent.retriever.Fusion;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.VectorFeedback;
import dev.docent.retriever.fusion.Fusions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the evaluated modes: {@code bm25} and {@code vector} alone, {@code hybrid} (what
 * {@code /ask} uses: {@link HybridSearch#DEFAULT_FUSION} with {@link HybridSearch#DEFAULT_FEEDBACK}),
 * or any fusion spec ({@code convex(vector=0.7)}), optionally followed by feedback
 * ({@code +prf(docs=3,weight=1)}), listed with commas.
 */
public final class EvalModes {

    /** The mode {@code /ask} uses, as the JSON's {@code default_mode} names it. */
    public static final String DEFAULT = "hybrid";

    private EvalModes() {}

    /** Single retrievers, plain RRF as the textbook baseline, and the default. */
    public static List<BeirEvaluator.Mode> standard() {
        return parse("bm25,vector,rrf,hybrid");
    }

    public static List<BeirEvaluator.Mode> parse(String list) {
        Map<String, BeirEvaluator.Mode> out = new LinkedHashMap<>();
        for (String name : split(list)) {
            String spec = name.equals(DEFAULT) ? HybridSearch.DEFAULT_FUSION + "+" + HybridSearch.DEFAULT_FEEDBACK : name;
            int plus = spec.indexOf('+');
            Fusion f = Fusions.parse(plus < 0 ? spec : spec.substring(0, plus));
            VectorFeedback feedback = plus < 0 ? VectorFeedback.NONE : VectorFeedback.parse(spec.substring(plus + 1));
            out.putIfAbsent(name, new BeirEvaluator.Mode(name, f, feedback));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no mode given");
        // A spec that is the default under another name would only repeat the hybrid block.
        BeirEvaluator.Mode hybrid = out.get(DEFAULT);
        if (hybrid != null) out.values().removeIf(m -> m != hybrid && m.spec().equals(hybrid.spec()));
        return new ArrayList<>(out.values());
    }

    /** Splits at commas outside parentheses: {@code bm25,convex(vector=0.6,norm=zscore)}. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                String item = list.substring(start, i).strip();
                if (!item.isEmpty()) out.add(item);
                start = i + 1;
            }
        }
        return out;
    }
}
