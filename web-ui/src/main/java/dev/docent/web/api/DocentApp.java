package dev.docent.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.assistant.Docent;
import dev.docent.assistant.StatusReport;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.mcp.McpServers;
import dev.docent.assistant.source.SourceProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin app: the one route table, used by {@code serve} and by the tests. */
public final class DocentApp {

    private static final Logger log = LoggerFactory.getLogger(DocentApp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long stopping waits for the requests in flight unless told otherwise ({@code server.shutdown_grace_seconds}). */
    public static final java.time.Duration DEFAULT_SHUTDOWN_GRACE = ShutdownDrain.DEFAULT_GRACE;

    private DocentApp() {}

    /**
     * Creates (does not start) the app; start it with {@code app.start("127.0.0.1", port)}. Requests
     * need the owner's token ({@code DATA/api-token}, made if missing) unless the settings say
     * {@code server.require_token = false} ({@link AccessGate#forConfig}).
     */
    public static Javalin create(Docent docent) {
        return create(docent, AccessGate.forConfig(docent.config(), null, System.err));
    }

    /** As {@link #create(Docent)}, admitting requests through {@code gate}. */
    public static Javalin create(Docent docent, AccessGate gate) {
        return create(docent, gate, ShutdownDrain.DEFAULT_GRACE);
    }

    /**
     * As {@link #create(Docent, AccessGate)}; {@code app.stop()} first waits up to {@code shutdownGrace}
     * for the requests in flight to end, refusing new ones with 503 (ShutdownDrain).
     */
    public static Javalin create(Docent docent, AccessGate gate, java.time.Duration shutdownGrace) {
        McpServers.Http mcp = McpServers.http(docent);
        StatusFeed statusFeed = new StatusFeed(() -> StatusReport.of(docent), docent::closing);
        SourceRoutes sources = new SourceRoutes(docent);
        ShutdownDrain drain = new ShutdownDrain();
        return Javalin.create(config -> {
            // Around every handler, /mcp included: stopping first lets the requests in flight finish
            // (new ones get 503), and only then does the caller close Docent (ShutdownDrain).
            config.jetty.modifyServer(server -> server.setHandler(drain));
            // One listener, for the order: Javalin does not run serverStopping listeners in the order
            // they were added (MCP sessions were closed under running tool calls, which got empty replies).
            config.events.serverStopping(() -> {
                drainQuietly(drain, shutdownGrace);
                mcp.close();
                statusFeed.close(); // open status streams end, so stopping never waits on them
            });
            // MCP over streamable HTTP, on the same port and behind the same checks (McpEndpoint).
            config.jetty.modifyServletContextHandler(handler -> {
                var holder = new ServletHolder("mcp", new McpEndpoint(mcp.servlet(), gate));
                holder.setAsyncSupported(true);
                handler.addServlet(holder, McpServers.PATH);
            });
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 2_000_000L;
            config.http.prefer405over404 = true;
            SlowClientLimits.apply(config);
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:");
                ctx.header("Referrer-Policy", "no-referrer");
                if (Login.handle(ctx, gate)) return; // a login link or the sign-in form: cookie, then redirect
                // Checked on the port the connection really arrived on (ctx.port() comes from the Host header).
                var refused = gate.check(ctx.req());
                if (refused != null) {
                    if (refused.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
                    if (refused.status() == 401 && Login.isPageVisit(ctx)) {
                        Login.page(ctx, gate, "This Docent answers only its owner.");
                        ctx.skipRemainingHandlers();
                        return;
                    }
                    throw new ApiException(refused.status(), refused.message());
                }
            });
            config.routes.post("/ask", ctx -> AnswerRoutes.ask(ctx, docent));
            config.routes.post("/api/answers/{id}/cancel", ctx -> AnswerRoutes.cancel(ctx, docent));
            config.routes.get("/api/search", ctx -> AnswerRoutes.search(ctx, docent));
            config.routes.get("/api/conversations", ctx -> ConversationRoutes.list(ctx, docent));
            config.routes.post("/api/conversations", ctx -> ConversationRoutes.create(ctx, docent));
            config.routes.get("/api/conversations/{id}", ctx -> ConversationRoutes.get(ctx, docent));
            config.routes.patch("/api/conversations/{id}", ctx -> ConversationRoutes.rename(ctx, docent));
            config.routes.delete("/api/conversations/{id}", ctx -> ConversationRoutes.delete(ctx, docent));
            config.routes.get("/api/status", ctx -> json(ctx, 200, StatusReport.of(docent)));
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
            // A cluster that does not answer: say so, as a 503 a client may retry, not an internal error.
            config.routes.exception(dev.docent.retriever.IndexUnavailable.class, (e, ctx) -> {
                ctx.header("Retry-After", "10");
                fail(ctx, 503, "the document index is unavailable: " + e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (docent.closing()) { // the grace period ran out: the drain has named this request in its log
                    log.debug("Request {} {} ended by shutdown: {}", ctx.method(), ctx.path(), e.toString());
                    fail(ctx, 503, ShutdownDrain.REFUSAL);
                    return;
                }
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

    /** Waits up to {@code grace} for the requests in flight as the server begins to stop. */
    private static void drainQuietly(ShutdownDrain drain, java.time.Duration grace) {
        try {
            drain.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop now: what still runs is abandoned
        }
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
