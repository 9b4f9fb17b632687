package dev.docent.web.api;

import io.javalin.http.Context;

/**
 * A validated {@code GET /api/search?q=...&top_k=N}.
 *
 * @param query the query, stripped, non-empty
 * @param topK passages to return, 1..{@link AskRequest#MAX_TOP_K}
 */
record SearchRequest(String query, int topK) {

    static SearchRequest parse(Context ctx, int defaultTopK, int maxQueryChars) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) throw new ApiException(400, "give the query as ?q=...");
        q = q.strip();
        int characters = q.codePointCount(0, q.length());
        if (characters > maxQueryChars) {
            throw new ApiException(400, "\"q\" is too long: " + characters + " characters (at most " + maxQueryChars + ")");
        }
        String k = ctx.queryParam("top_k");
        int topK = defaultTopK;
        if (k != null && !k.isBlank()) {
            try {
                topK = Integer.parseInt(k.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "\"top_k\" must be a whole number, got '" + k + "'");
            }
            AskRequest.checkTopK(topK);
        }
        return new SearchRequest(q, topK);
    }
}
