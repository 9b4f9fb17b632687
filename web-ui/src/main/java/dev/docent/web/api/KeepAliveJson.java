package dev.docent.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Lets a long non-streaming answer notice a client that has gone away. A server only learns that
 * a connection is closed when it writes, so once an answer has run for a second this commits the
 * 200 response and writes a space (leading whitespace is valid JSON) about once a second while the
 * answer waits, decodes or generates; the write that fails stops the answer. The request's own
 * thread does this (see {@link #tick}), never the model's. Quick answers are untouched.
 */
final class KeepAliveJson {

    private static final long PING_NANOS = 1_000_000_000L;

    private final Context ctx;
    private final long pingNanos;
    private long lastPing = System.nanoTime();
    private ClientOutput out;

    KeepAliveJson(Context ctx) {
        this(ctx, PING_NANOS);
    }

    /** @param pingNanos how long the answer may run before the first ping, and between pings */
    KeepAliveJson(Context ctx, long pingNanos) {
        this.ctx = ctx;
        this.pingNanos = pingNanos;
    }

    /** Called often (at least once a second) by the thread serving the request while the answer runs. */
    void tick() {
        long now = System.nanoTime();
        if (now - lastPing < pingNanos) return;
        lastPing = now;
        if (out == null) {
            ctx.status(200);
            ctx.res().setContentType("application/json");
            ctx.res().setCharacterEncoding("UTF-8");
            try {
                out = new ClientOutput(ctx.res().getOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.send(SPACE);
    }

    private static final byte[] SPACE = {' '};

    boolean clientGone() {
        return out != null && out.gone();
    }

    /** True once the response is committed: the body must then be written here, not by Javalin. */
    boolean committed() {
        return out != null;
    }

    void finish(String json) {
        out.send(json.getBytes(StandardCharsets.UTF_8));
    }
}
