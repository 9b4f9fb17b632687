package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every document of an index that a filter selects, page by page with {@code search_after}
 * on a sort that is unique per document (a path, its owner, the chunk's place), so a document
 * with more chunks than one answer may hold, or a writer with a million records, is read whole.
 * Sees what the last refresh made visible.
 */
final class IndexScan {

    private static final int PAGE = 1_000;

    private IndexScan() {}

    /**
     * Calls {@code each} with every hit of {@code index} matching {@code filters} (term or exists
     * clauses, all required), in the order of {@code sort}; {@code source} says which fields come
     * back (null: all of them). Nothing when the index does not exist.
     */
    static void scan(OpenSearchConnection connection, String index, List<ObjectNode> filters, List<String> sort,
            List<String> source, Consumer<JsonNode> each) {
        scanPages(connection, index, filters, sort, source, page -> page.forEach(each));
    }

    /** As {@link #scan}, a page of hits at a time (to look up what a page refers to in one request). */
    static void scanPages(OpenSearchConnection connection, String index, List<ObjectNode> filters, List<String> sort,
            List<String> source, Consumer<List<JsonNode>> eachPage) {
        JsonNode after = null;
        while (true) {
            ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", PAGE).put("track_total_hits", false);
            ArrayNode must = body.putObject("query").putObject("bool").putArray("filter");
            filters.forEach(must::add);
            ArrayNode order = body.putArray("sort");
            for (String field : sort) order.addObject().put(field, "asc");
            if (source != null) {
                ArrayNode includes = body.putArray("_source");
                source.forEach(includes::add);
            }
            if (after != null) body.set("search_after", after);
            JsonNode answer = connection.callOrNull("POST", "/" + index + "/_search", Map.of(), body);
            if (answer == null) return;
            JsonNode hits = answer.path("hits").path("hits");
            List<JsonNode> page = new java.util.ArrayList<>(hits.size());
            hits.forEach(page::add);
            eachPage.accept(page);
            if (hits.size() < PAGE) return;
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    /** A required term: {@code field} is exactly {@code value}. */
    static ObjectNode term(String field, Object value) {
        ObjectNode t = OpenSearchConnection.json().createObjectNode();
        ObjectNode inner = t.putObject("term");
        if (value instanceof Integer i) inner.put(field, i);
        else inner.put(field, value.toString());
        return t;
    }

    /** A required field: documents that have {@code field}. */
    static ObjectNode exists(String field) {
        ObjectNode e = OpenSearchConnection.json().createObjectNode();
        e.putObject("exists").put("field", field);
        return e;
    }
}
