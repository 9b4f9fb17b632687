package dev.docent.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Server-Sent Events reply to a POST. (Javalin's SSE helper serves only GETs that send
 * {@code Accept: text/event-stream}; {@code /ask} streams in reply to its POST.)
 */
final class SseWriter implements AutoCloseable {

    private final ClientOutput out;
    private final ObjectMapper json;

    SseWriter(Context ctx, ObjectMapper json) throws IOException {
        this.json = json;
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        this.out = new ClientOutput(ctx.res().getOutputStream());
    }

    /** Sends one event whose data is {@code data} as JSON; a client that went away stops the answer. */
    void send(String event, Object data) {
        String frame;
        try {
            frame = "event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event, e);
        }
        out.send(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one event whose data is {@code json}, already serialised (one snapshot shared by many clients). */
    void sendJson(String event, String json) {
        out.send(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an unnamed event ({@code data:} only), as OpenAI-style streams do; {@code data} is sent as is. */
    void sendData(String data) {
        out.send(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends an SSE comment line, which clients ignore: while an answer waits or thinks, this is how
     * the server learns that the client has gone (only a write can fail).
     */
    void ping() {
        out.send(PING);
    }

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /** True once a write failed because the client went away. */
    boolean clientGone() {
        return out.gone();
    }

    /** Every event is flushed as it is sent, so there is nothing left to do here. */
    @Override
    public void close() {}
}
