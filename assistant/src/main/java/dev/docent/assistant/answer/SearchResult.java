package dev.docent.assistant.answer;

import java.util.List;
import java.util.Map;

/**
 * Passages found for a query, best first.
 *
 * @param query the query as searched
 * @param passages best first
 * @param timings milliseconds per stage ({@code embed_ms}, {@code search_ms}, {@code total_ms})
 */
public record SearchResult(String query, List<Passage> passages, Map<String, Number> timings) {}
