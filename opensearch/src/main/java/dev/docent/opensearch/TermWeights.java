package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.Hit;
import dev.docent.retriever.analysis.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The question's terms per language, each weighted by its BM25 idf, for a hit's text-match evidence
 * ({@link Hit#coverage}, {@link Hit#bm25Share}), as the Lucene index's {@code QueryTerms}: the
 * idf-weighted share of the terms a chunk holds, in the language it matches best. Document
 * frequencies come from filter aggregations riding on the BM25 search itself (every chunk with a
 * term matches the disjunction), so they cost no request of their own; they count live chunks,
 * where Lucene's count deleted ones until a merge, a difference in the evidence only, never in a score.
 */
final class TermWeights {

    private record Weighted(String name, double idf) {}

    private final Map<Language, List<Weighted>> byLanguage;

    private TermWeights(Map<Language, List<Weighted>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** Adds one filter aggregation per term to {@code search} (a BM25 search over the same terms). */
    static void requestFrequencies(ObjectNode search, Map<Language, Set<String>> terms) {
        ObjectNode aggs = search.putObject("aggs");
        int i = 0;
        for (var e : terms.entrySet()) {
            for (String t : e.getValue()) {
                aggs.putObject("df" + i++).putObject("filter").putObject("term").put(e.getKey().field(ChunkMapping.SEARCH), t);
            }
        }
    }

    /** The weights from the aggregations {@link #requestFrequencies} asked for. */
    static TermWeights of(JsonNode answer, Map<Language, Set<String>> terms, IndexState state) {
        Map<Language, List<Weighted>> out = new EnumMap<>(Language.class);
        int i = 0;
        for (var e : terms.entrySet()) {
            long docCount = state.docCount().getOrDefault(e.getKey(), 0L);
            List<Weighted> ws = new ArrayList<>();
            for (String t : e.getValue()) {
                long df = answer.path("aggregations").path("df" + i++).path("doc_count").asLong();
                ws.add(new Weighted(QueryText.name(e.getKey(), t), Math.log(1 + (docCount - df + 0.5) / (df + 0.5))));
            }
            out.put(e.getKey(), ws);
        }
        return new TermWeights(out);
    }

    /** {@code hit} with its coverage and BM25 share, from the term clauses its chunk matched. */
    Hit withTextMatch(Hit hit, Set<String> matched) {
        double bestShare = 0, bestCeiling = Double.NaN;
        for (List<Weighted> terms : byLanguage.values()) {
            double ceiling = 0, present = 0;
            for (Weighted w : terms) {
                ceiling += w.idf();
                if (matched.contains(w.name())) present += w.idf();
            }
            if (Double.isNaN(bestCeiling) || (ceiling > 0 && present / ceiling > bestShare)) {
                bestShare = ceiling > 0 ? present / ceiling : 0;
                bestCeiling = ceiling;
            }
        }
        return hit.withTextMatch(bestShare, bestCeiling > 0 ? hit.bm25() / bestCeiling : 0);
    }
}
