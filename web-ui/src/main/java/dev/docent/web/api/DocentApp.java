package dev.docent.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.indexer.DocumentRecord;
import dev.docent.indexer.GenerationStatus;
import dev.docent.indexer.IndexStatus;
import dev.docent.web.Docent;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.web.mcp.Library;
import dev.docent.web.mcp.McpServers;
import dev.docent.web.source.SourceProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin app: the one route table, used by {@code serve} and by the tests. */
public final class DocentApp {

    private static final Logger log = LoggerFactory.getLogger(DocentApp.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private DocentApp() {}

    /** Creates (does not start) the app; start it with {@code app.start("127.0.0.1", port)}. */
    public static Javalin create(Docent docent) {
        return create(docent, AccessGate.loopbackOnly());
    }

    /** As {@link #create(Docent)}, admitting requests through {@code gate} (remote clients with a token). */
    public static Javalin create(Docent docent, AccessGate gate) {
        McpServers.Http mcp = McpServers.http(Library.serving(docent));
        StatusFeed statusFeed = new StatusFeed(() -> status(docent), docent::closing);
        SourceRoutes sources = new SourceRoutes(docent);
        return Javalin.create(config -> {
            // MCP over streamable HTTP, on the same port and behind the same checks (McpEndpoint).
            config.jetty.modifyServletContextHandler(handler -> {
                var holder = new ServletHolder("mcp", new McpEndpoint(mcp.servlet(), gate));
                holder.setAsyncSupported(true);
                handler.addServlet(holder, McpServers.PATH);
            });
            config.events.serverStopping(mcp::close);
            config.events.serverStopping(statusFeed::close); // open status streams end, so stopping never waits on them
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 2_000_000L;
            config.http.prefer405over404 = true;
            SlowClientLimits.apply(config);
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.before(ctx -> {
                // Checked on the port the connection really arrived on (ctx.port() comes from the Host header).
                var refused = gate.check(ctx.req());
                if (refused != null) {
                    if (refused.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
                    throw new ApiException(refused.status(), refused.message());
                }
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:");
                ctx.header("Referrer-Policy", "no-referrer");
            });
            config.routes.post("/ask", ctx -> AnswerRoutes.ask(ctx, docent));
            config.routes.post("/api/answers/{id}/cancel", ctx -> AnswerRoutes.cancel(ctx, docent));
            config.routes.get("/api/search", ctx -> AnswerRoutes.search(ctx, docent));
            config.routes.get("/api/conversations", ctx -> ConversationRoutes.list(ctx, docent));
            config.routes.post("/api/conversations", ctx -> ConversationRoutes.create(ctx, docent));
            config.routes.get("/api/conversations/{id}", ctx -> ConversationRoutes.get(ctx, docent));
            config.routes.patch("/api/conversations/{id}", ctx -> ConversationRoutes.rename(ctx, docent));
            config.routes.delete("/api/conversations/{id}", ctx -> ConversationRoutes.delete(ctx, docent));
            config.routes.get("/api/status", ctx -> json(ctx, 200, status(docent)));
            config.routes.get("/api/status/events", ctx -> StatusEvents.stream(ctx, statusFeed));
            config.routes.get("/api/documents", ctx -> DocumentRoutes.list(ctx, docent));
            // The source viewer (SourceRoutes): catalogued documents by id, never by a path.
            config.routes.get("/api/documents/{id}", sources::document);
            config.routes.get("/api/documents/{id}/file", sources::file);
            config.routes.get("/api/documents/{id}/pages/{page}", sources::page);
            config.routes.get("/api/documents/{id}/passage", sources::passage);
            config.routes.get("/api/models", ctx -> ModelRoutes.list(ctx, docent));
            config.routes.post("/api/model", ctx -> ModelRoutes.choose(ctx, docent));
            // The OpenAI-compatible API (OpenAiRoutes); its errors come in OpenAI's shape.
            config.routes.get("/v1/models", ctx -> OpenAiRoutes.models(ctx, docent));
            config.routes.post("/v1/chat/completions", ctx -> OpenAiRoutes.chat(ctx, docent));
            config.routes.exception(OpenAiError.class, (e, ctx) -> json(ctx, e.status(), e.body()));
            config.routes.exception(ApiException.class, (e, ctx) -> fail(ctx, e.status(), e.getMessage()));
            config.routes.exception(SourceProblem.class, (e, ctx) -> fail(ctx, SourceRoutes.status(e), e.getMessage()));
            config.routes.exception(GeneratorBusyException.class, (e, ctx) -> {
                ctx.header("Retry-After", "5");
                fail(ctx, 503, e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> fail(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                fail(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server log has details");
            });
            config.routes.error(404, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    fail(ctx, 404, "not found: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> fail(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
        });
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The file being extracted, and what a long extraction is doing ("OCR of page 3 of 40"), or null. */
    private static Map<String, Object> reading(IndexStatus.Reading r) {
        if (r == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", r.path());
        out.put("doing", r.doing());
        return out;
    }

    /** What {@code GET /api/status} reports (also the MCP {@code status} tool). */
    public static Map<String, Object> status(Docent docent) {
        IndexStatus s = docent.indexer().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", Map.of("indexed", s.indexed(), "pending", s.pending(), "failed", s.failed()));
        out.put("chunks", s.chunks());
        out.put("indexing", s.indexing());
        out.put("generation", generation(docent.indexer().generationStatus()));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", s.done());
        progress.put("total", s.toProcess());
        progress.put("current", s.current());
        progress.put("reading", reading(s.reading()));
        var t = s.throughput(); // measured over the running sync; null fields while idle
        progress.put("queued", t == null ? 0 : t.queued());
        progress.put("failed", t == null ? 0 : t.failed());
        progress.put("chunks", t == null ? 0 : t.chunks());
        progress.put("files_per_second", t == null ? null : round(t.filesPerSecond()));
        progress.put("chunks_per_second", t == null ? null : round(t.chunksPerSecond()));
        progress.put("eta_seconds", t == null || t.etaSeconds() < 0 ? null : t.etaSeconds());
        out.put("progress", progress);
        out.put("folders", docent.folders().stream().map(Object::toString).toList());
        var generator = docent.generator();
        out.put("mode", generator != null ? "generative" : "extractive");
        out.put("model", generator != null ? generator.modelName() : null);
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("loaded", generator != null);
        var switching = docent.models().state();
        if (generator != null) {
            if (generator.endpoint() == null) llm.put("path", String.valueOf(switching.activePath()));
            llm.put("context_size", generator.contextSize());
        } else {
            llm.put("reason", switching.loading() != null ? "loading " + switching.loading() + "; answers quote passages meanwhile"
                    : docent.llmProblem() != null && switching.activePath() == null && switching.failure() == null ? docent.llmProblem()
                    : "no model chosen: pick one in the page, pass --model NAME (./docent models lists them) or set llm.model");
        }
        llm.put("loading", switching.loading());
        llm.put("switch_error", switching.failure() == null ? null
                : Map.of("model", switching.failedModel(), "reason", switching.failure()));
        out.put("llm", llm);
        out.put("generator", generatorStatus(generator));
        out.put("last_sync_error", docent.lastSyncError());
        // Up to date: the watched folders were looked through and everything found is indexed or failed.
        var syncedAt = docent.lastSyncAt();
        out.put("synced_at", syncedAt == null ? null : syncedAt.toString());
        out.put("up_to_date", syncedAt != null && !s.indexing() && s.pending() == 0 && docent.lastSyncError() == null);
        // What the last walk left out (unreadable folders, links leading outside, ...): the first 100.
        out.put("skipped", s.skipped()); // records: {"path": ..., "reason": ...}
        out.put("skipped_count", s.skippedCount());
        return out;
    }

    /**
     * Which index generation answers and, while a changed model or chunking is being built into
     * a new one, its progress: {@code {"active": id, "recipe": ..., "rebuilding": {"generation",
     * "reason", "done", "total", "message"} or null}}.
     */
    static Map<String, Object> generation(GenerationStatus g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", g.active());
        out.put("recipe", g.activeRecipe());
        Map<String, Object> rebuilding = null;
        if (g.rebuild() != null) {
            var r = g.rebuild();
            rebuilding = new LinkedHashMap<>();
            rebuilding.put("generation", r.generation());
            rebuilding.put("recipe", r.recipe());
            rebuilding.put("reason", r.reason());
            rebuilding.put("done", r.done());
            rebuilding.put("total", r.total());
            rebuilding.put("message", r.message() + " (answers come from generation " + g.active() + " until then)");
        }
        out.put("rebuilding", rebuilding);
        return out;
    }

    /** Who writes the answers: {@code {"kind": "local"|"remote", "model": ..., "endpoint": URL or null}}, null when none. */
    public static Map<String, Object> generatorStatus(dev.docent.llm.Generator generator) {
        if (generator == null) return null;
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("kind", generator.endpoint() == null ? "local" : "remote");
        g.put("model", generator.modelName());
        g.put("endpoint", generator.endpoint());
        return g;
    }

    /** One document as {@code GET /api/documents} lists it. */
    public static Map<String, Object> document(DocumentRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", dev.docent.indexer.DocumentId.of(r.path())); // for /api/documents/{id}/...
        m.put("path", r.path());
        m.put("title", r.title());
        m.put("status", r.status().wireName());
        m.put("error", r.error());
        m.put("note", r.note());
        m.put("pages", r.pages());
        m.put("chunks", r.chunks());
        m.put("size", r.size());
        m.put("indexed_at", r.indexedAt() == null ? null : r.indexedAt().toString());
        return m;
    }

    /** An error reply: OpenAI's shape under /v1, Docent's {@code {"error": message}} elsewhere. */
    static void fail(Context ctx, int status, String message) {
        json(ctx, status, OpenAiRoutes.isOpenAiPath(ctx) ? OpenAiError.body(status, message) : error(message));
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message == null ? "error" : message);
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }
}
