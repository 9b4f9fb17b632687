package dev.docent.web.api;

import dev.docent.assistant.documents.DocumentJson;
import dev.docent.indexer.watch.SkippedPath;
import dev.docent.assistant.Docent;
import dev.docent.assistant.documents.DocumentFilter;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/documents[?status=&q=&offset=&limit=]}: the catalog as a JSON array, one entry
 * per file (without parameters, all of them, as before), filtered by status ({@code all},
 * {@code indexed}, {@code pending}, {@code failed}, {@code needs_ocr}, or {@code skipped}: what the
 * last walk left out, with its reason in {@code error}) and by a text in the path or title, one
 * page at a time. {@code X-Total-Count} says how many match in all, so a page can offer "more"
 * without 100,000 rows ever being sent (or read) at once. The same filters as the MCP list_documents tool.
 */
final class DocumentRoutes {

    static final int MAX_LIMIT = 10_000;
    static final String SKIPPED = "skipped";

    private DocumentRoutes() {}

    static void list(Context ctx, Docent docent) {
        String status = ctx.queryParam("status");
        String q = ctx.queryParam("q");
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        if (ctx.queryParam("limit") != null && limit > MAX_LIMIT) {
            throw new ApiException(400, "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        List<Map<String, Object>> page;
        int matching;
        if (status != null && SKIPPED.equals(status.strip().toLowerCase(Locale.ROOT))) {
            // Not catalog rows: what the last walk could not or would not read (the first 100).
            var containing = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
            List<SkippedPath> skipped = docent.indexer().status().skipped().stream()
                    .filter(s -> containing == null || s.path().toLowerCase(Locale.ROOT).contains(containing)).toList();
            matching = skipped.size();
            page = skipped.stream().skip(offset).limit(limit).map(DocumentRoutes::skipped).toList();
        } else {
            DocumentFilter filter;
            try {
                filter = DocumentFilter.parse(status);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "status must be one of " + DocumentFilter.names() + ", " + SKIPPED + "; got " + status);
            }
            // Filtered and paged in SQLite: a page of 100,000 documents reads 100 records, not all of them.
            var listing = docent.indexer().documents(filter.status(), filter == DocumentFilter.NEEDS_OCR, q, offset, limit);
            matching = listing.matching();
            page = listing.documents().stream().map(DocumentJson::of).toList();
        }
        ctx.header("X-Total-Count", Integer.toString(matching));
        DocentApp.json(ctx, 200, page);
    }

    private static Map<String, Object> skipped(SkippedPath s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path());
        m.put("title", null);
        m.put("status", SKIPPED);
        m.put("error", s.reason());
        m.put("note", null);
        m.put("pages", 0);
        m.put("chunks", 0);
        m.put("size", null);
        m.put("indexed_at", null);
        return m;
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ApiException(400, name + " must be a whole number of at least " + min + "; got " + raw);
    }
}
