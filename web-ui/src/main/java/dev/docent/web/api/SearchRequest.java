package dev.docent.web.api;

import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.assistant.documents.FilterParams;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code GET /api/search?q=...&top_k=N}, or with {@code group=document} a
 * document-level search: every matching document, paged with {@code offset} and {@code limit},
 * filtered by {@code folder}, {@code type} (repeat it or separate with commas),
 * {@code modified_after}, {@code modified_before}, {@code dated_after}, {@code dated_before}.
 *
 * @param query the query, stripped; may be empty only for a document search with filters
 * @param topK passages to return, 1..{@link AskRequest#MAX_TOP_K}
 * @param byDocument {@code group=document}
 * @param filters the metadata conditions
 * @param offset documents to skip (document search)
 * @param limit documents to return at most (document search), 1..{@value #MAX_LIMIT}
 */
record SearchRequest(String query, int topK, boolean byDocument, DocumentFilters filters, int offset, int limit) {

    static final int MAX_LIMIT = 1000;

    static SearchRequest parse(Context ctx, int defaultTopK, int maxQueryChars) {
        String group = ctx.queryParam("group");
        if (group != null && !group.equals("document") && !group.equals("passage")) {
            throw new ApiException(400, "\"group\" must be passage (the default) or document, got '" + group + "'");
        }
        boolean byDocument = "document".equals(group);
        DocumentFilters filters = filters(ctx);
        String q = ctx.queryParam("q");
        q = q == null ? "" : q.strip();
        if (q.isEmpty() && !(byDocument && !filters.none())) {
            throw new ApiException(400, "give the query as ?q=... (with group=document, filters alone will do)");
        }
        int characters = q.codePointCount(0, q.length());
        if (characters > maxQueryChars) {
            throw new ApiException(400, "\"q\" is too long: " + characters + " characters (at most " + maxQueryChars + ")");
        }
        int topK = defaultTopK;
        String k = ctx.queryParam("top_k");
        if (k != null && !k.isBlank()) topK = AskRequest.checkTopK(number("top_k", k));
        int offset = 0;
        String o = ctx.queryParam("offset");
        if (o != null && !o.isBlank()) offset = number("offset", o);
        if (offset < 0) throw new ApiException(400, "\"offset\" must not be negative");
        int limit = 100;
        String l = ctx.queryParam("limit");
        if (l != null && !l.isBlank()) limit = number("limit", l);
        if (limit < 1 || limit > MAX_LIMIT) throw new ApiException(400, "\"limit\" must be between 1 and " + MAX_LIMIT);
        return new SearchRequest(q, topK, byDocument, filters, offset, limit);
    }

    private static DocumentFilters filters(Context ctx) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : FilterParams.NAMES) {
            List<String> given = ctx.queryParams(name);
            if (given.isEmpty()) continue;
            values.put(name, name.equals("type") ? given : given.getLast());
        }
        try {
            return FilterParams.parse(values, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "\"" + name + "\" must be a whole number, got '" + value + "'");
        }
    }
}
