package dev.docent.web.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a stopping server finish what it has started before Docent closes what requests use.
 * Without it, SIGTERM under load stopped Jetty and closed the embedder and the model while
 * answers were still running: those requests got 500 "… is closed" or a cut connection, and the
 * log got their stack traces.
 *
 * <p>Wraps every handler of the server (the routes and {@code /mcp} alike) and counts each request
 * from its arrival until its response is completely written (Jetty's callback, not the handler's
 * return, which may come before the last bytes of a stream are out). {@link #drain} refuses new
 * requests with 503 and a JSON error ({@code Connection: close}, so a client's pool drops the
 * connection), then waits up to the grace period for the count to reach zero; a request still
 * running then is named in one log line and abandoned. Long-lived streams that never end on
 * their own (status events, the MCP listening stream) are not waited for: the server's stopping
 * ends them.
 */
final class ShutdownDrain extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);
    /**
     * Long enough for an answer of a few hundred tokens on a CPU, and within what service managers
     * wait after SIGTERM before they kill (launchd 20 s, systemd 90 s).
     */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
    static final String REFUSAL = "Docent is shutting down and takes no new requests; try again once it has restarted";

    /** A request being answered; identity, not equality, tells two alike apart. */
    private static final class Running {
        final String method;
        final String path;
        final long startedAt = System.nanoTime();

        Running(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private volatile boolean draining;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (longLived(request.getMethod(), path)) {
            if (draining) return refuse(path, response, callback);
            return super.handle(request, response, callback);
        }
        Running entry = new Running(request.getMethod(), path);
        running.add(entry);
        // Counted before the check: a drain that begins meanwhile either sees this request or refuses it.
        if (draining) {
            finished(entry);
            return refuse(path, response, callback);
        }
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                try {
                    super.succeeded();
                } finally {
                    finished(entry);
                }
            }

            @Override
            public void failed(Throwable cause) {
                try {
                    super.failed(cause);
                } finally {
                    finished(entry);
                }
            }
        };
        boolean handled = false;
        try {
            handled = super.handle(request, response, counted);
            return handled;
        } finally {
            if (!handled) finished(entry); // no handler took it (Jetty answers 404), so no callback will come
        }
    }

    /**
     * Refuses new requests from now on and waits up to {@code grace} for those running to end.
     *
     * @return the requests abandoned when the grace period ran out ("POST /ask"), each also logged
     */
    List<String> drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            for (long left; !running.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        List<String> abandoned = running.stream()
                .map(r -> r.method + " " + r.path + " (running for " + (System.nanoTime() - r.startedAt) / 1_000_000_000 + " s)")
                .toList();
        String period = grace.toMillis() % 1000 == 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms";
        for (String r : abandoned) log.warn("Shutting down: abandoned {} after the grace period of {}", r, period);
        return abandoned;
    }

    /** Whether {@link #drain} has begun. */
    boolean draining() {
        return draining;
    }

    private void finished(Running entry) {
        running.remove(entry);
        if (draining && running.isEmpty()) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Streams that last as long as their client wants: waiting for them would always take the whole grace period. */
    private static boolean longLived(String method, String path) {
        return "GET".equals(method) && (path.equals("/api/status/events") || path.equals(dev.docent.mcp.McpServers.PATH));
    }

    private static boolean refuse(String path, Response response, Callback callback) {
        Map<String, ?> body = path.startsWith("/v1/") ? OpenAiError.body(503, REFUSAL) : DocentApp.error(REFUSAL);
        byte[] bytes;
        try {
            bytes = DocentApp.JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
