package dev.docent.web.api;

import dev.docent.assistant.Docent;
import dev.docent.assistant.source.CitedPassage;
import dev.docent.assistant.source.DocumentSources;
import dev.docent.assistant.source.PageImages;
import dev.docent.assistant.documents.DocumentJson;
import dev.docent.assistant.source.SourceFile;
import dev.docent.assistant.source.SourceProblem;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The source viewer's routes, by catalog id only ({@link DocumentSources}):
 * {@code GET /api/documents/{id}} (the document and the state of its file),
 * {@code /api/documents/{id}/file} (the original), {@code /api/documents/{id}/pages/{n}.png} (a
 * PDF page rendered) and {@code /api/documents/{id}/passage?page=&start=&end=} (a citation in its
 * context, with its page regions). A refusal is JSON: 404 unknown id/page/passage, 410 the file is
 * gone, 409 it changed since it was indexed (page images only: the highlight would not fit).
 */
final class SourceRoutes {

    private final DocumentSources sources;
    private final PageImages images;

    SourceRoutes(Docent docent) {
        this.sources = new DocumentSources(docent.indexer(), docent::folders);
        this.images = new PageImages(docent.config().dataDir().resolve("cache").resolve("pages"));
    }

    /** Status of each refusal. */
    static int status(SourceProblem p) {
        return switch (p.kind()) {
            case NOT_FOUND -> 404;
            case GONE -> 410;
            case CHANGED -> 409;
        };
    }

    void document(Context ctx) throws SourceProblem {
        DocentApp.json(ctx, 200, describe(sources.find(ctx.pathParam("id"))));
    }

    void passage(Context ctx) throws SourceProblem {
        SourceFile f = sources.find(ctx.pathParam("id"));
        int page = intParam(ctx, "page", 0);
        int start = intParam(ctx, "start", -1);
        int end = intParam(ctx, "end", -1);
        if (start < 0 || end < start) throw new ApiException(400, "start and end (character offsets of the citation) are required");
        CitedPassage p = CitedPassage.of(sources, f, page, start, end);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("document", describe(f));
        out.put("page", page == 0 ? null : page);
        out.put("start", start);
        out.put("end", end);
        out.put("heading", p.heading());
        out.put("image", f.pdf() && page > 0 ? "/api/documents/" + f.id() + "/pages/" + page + ".png" : null);
        out.put("regions", p.regions());
        out.put("context", p.context());
        DocentApp.json(ctx, 200, out);
    }

    void page(Context ctx) throws Exception {
        SourceFile f = sources.find(ctx.pathParam("id"));
        String n = ctx.pathParam("page");
        if (!n.matches("[0-9]{1,6}\\.png")) throw new SourceProblem(SourceProblem.Kind.NOT_FOUND, "no page " + n);
        byte[] png = images.png(f, Integer.parseInt(n.substring(0, n.length() - 4)), sources);
        ctx.contentType("image/png").header("Cache-Control", "private, max-age=300").result(png);
    }

    /**
     * The original file. PDFs, plain text and images open in the browser (text and images in a
     * sandbox, so nothing in them runs); anything else is a download, never rendered as a page of
     * this origin (an indexed HTML file's scripts would otherwise run with the API's rights).
     */
    void file(Context ctx) throws Exception {
        SourceFile f = sources.find(ctx.pathParam("id"));
        // Opened once, no link followed below the watched folder; what is sent is read from this channel only.
        var channel = sources.open(f);
        String name = f.path().getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String type = typeOf(lower, f.pdf());
        boolean inline = !type.equals("application/octet-stream");
        if (!type.equals("application/pdf")) ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'");
        ctx.header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.contentType(type);
        if (f.changed()) ctx.header("X-Docent-File-State", "changed");
        ctx.result(Channels.newInputStream(channel));
    }

    private static String typeOf(String lower, boolean pdf) {
        if (pdf) return "application/pdf";
        if (lower.matches(".*\\.(txt|md|markdown|csv|tsv|log)$")) return "text/plain; charset=utf-8";
        if (lower.endsWith(".png")) return "image/png";
        if (lower.matches(".*\\.jpe?g$")) return "image/jpeg";
        if (lower.endsWith(".gif")) return "image/gif";
        return "application/octet-stream";
    }

    private static Map<String, Object> describe(SourceFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.putAll(DocumentJson.of(f.record())); // with its id
        m.put("kind", f.pdf() ? "pdf" : "text");
        m.put("file_state", f.state());
        m.put("file_problem", f.problem());
        m.put("file_url", "/api/documents/" + f.id() + "/file");
        return m;
    }

    private static int intParam(Context ctx, String name, int missing) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return missing;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a whole number, not " + v);
        }
    }
}
