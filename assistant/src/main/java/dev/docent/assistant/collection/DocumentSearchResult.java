package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.Coverage;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.assistant.documents.DocumentFilters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of a document-level search ({@code GET /api/search?group=document}, the MCP search
 * tool's {@code group: "document"}): every matching document counts in {@code total}, this page
 * holds {@code documents} from {@code offset} on, each with its best passage.
 *
 * @param query the query as searched ("" for filters alone)
 * @param total documents that match (all pages)
 * @param offset where this page starts
 * @param documents this page, best match first
 * @param coverage documents matched and checked
 * @param timings milliseconds per stage
 */
public record DocumentSearchResult(String query, int total, int offset, List<CollectionDocument> documents,
        Coverage coverage, Map<String, Number> timings) {

    /** Page {@code [offset, offset + limit)} of {@code r}, in the search's order (best first). */
    static DocumentSearchResult page(String query, CollectionSearch.Result r, DocumentFilters filters, int offset, int limit,
            Map<String, Number> timings) {
        List<CollectionDocument> page = new ArrayList<>();
        Question focus = Question.of(query.isBlank() ? "document" : query, 1);
        for (int i = offset; i < r.matches().size() && page.size() < limit; i++) {
            CollectionSearch.Match m = r.matches().get(i);
            Citation c = m.passage() == null ? null : Citation.of(i + 1, m.passage(), focus);
            page.add(CollectionAnswers.document(m, c));
        }
        return new DocumentSearchResult(query, r.matches().size(), offset, List.copyOf(page),
                new Coverage(r.matches().size(), r.searched(), r.indexed(), filters.describe()), timings);
    }
}
