package dev.docent.assistant.answer;

import java.util.List;
import java.util.Map;

/**
 * Passages found for a query, best first.
 *
 * @param query the query as searched
 * @param passages best first
 * @param timings milliseconds per stage ({@code embed_ms}, {@code search_ms}, {@code total_ms})
 * @param found whether the passages seem to hold what the query asks, decided as {@code /ask} decides it
 * @param confidence the evidence behind {@code found} (see {@code Relevance.confidence(hits, question)})
 */
public record SearchResult(String query, List<Passage> passages, Map<String, Number> timings, boolean found,
        double confidence) {}
