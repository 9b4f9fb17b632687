package dev.docent.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Server-Sent Events reply to a POST. (Javalin's SSE helper serves only GETs that send
 * {@code Accept: text/event-stream}; {@code /ask} streams in reply to its POST.)
 */
final class SseWriter implements AutoCloseable {

    private final OutputStream out;
    private final ObjectMapper json;
    private volatile boolean gone;

    SseWriter(Context ctx, ObjectMapper json) throws IOException {
        this.json = json;
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        this.out = ctx.res().getOutputStream();
    }

    /** Sends one event whose data is {@code data} as JSON; a client that went away stops the answer. */
    void send(String event, Object data) {
        try {
            String frame = "event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n";
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw new UncheckedIOException("client disconnected", e);
        }
    }

    /** True once a write failed because the client went away. */
    boolean clientGone() {
        return gone;
    }

    @Override
    public void close() throws IOException {
        if (!gone) out.flush(); // flushing into a connection the client closed only fails again
    }
}
