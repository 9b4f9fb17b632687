package dev.docent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** End of stdin waits for the replies to requests already read, and only for those. */
class PendingRepliesTest {

    private static InputStream lines(String... messages) {
        return new ByteArrayInputStream((String.join("\n", messages) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, String message) throws Exception {
        out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEndOfInputWaitsUntilEveryRequestsReplyIsFlushed() throws Exception {
        var replies = new PendingReplies();
        InputStream in = replies.requests(lines(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", // no id: nothing to wait for
                "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"ping\"}",
                "not json"), Duration.ofMinutes(1));
        OutputStream out = replies.replies(new ByteArrayOutputStream());
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(reader.isDone(), "the end of input was passed on while two requests wait");
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"notifications/progress\"}"); // from the server: not a reply
        out.flush();
        Thread.sleep(200);
        assertFalse(reader.isDone(), "request \"b\" has no reply yet");
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"result\":{}}");
        Thread.sleep(200);
        assertFalse(reader.isDone(), "a reply still in the buffer is not sent");
        out.flush();
        assertTrue(reader.get(10, TimeUnit.SECONDS).length > 0);
    }

    @Test
    void aRequestThatIsNeverAnsweredHoldsTheEndOnlyUntilTheLimit() throws Exception {
        var replies = new PendingReplies();
        InputStream in = replies.requests(lines("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}"), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        in.readAllBytes();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250, "returned after " + ms + " ms");
        assertFalse(replies.awaitNone(Duration.ZERO));
        assertEquals(-1, in.read());
    }
}
