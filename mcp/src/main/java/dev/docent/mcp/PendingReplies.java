package dev.docent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps end of input from cutting off answers over stdio. The MCP SDK ends its session when stdin
 * closes, so {@code printf '...requests...' | docent mcp} used to get no reply to a request still
 * running at that moment. This watches the newline-delimited JSON-RPC going both ways: a request
 * (a message with {@code method} and {@code id}) read from stdin is pending until a response with
 * its id is written to stdout, and the end of stdin is passed on only once nothing is pending.
 * Real clients keep stdin open while they wait, and see no difference.
 */
public final class PendingReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Set<String> pending = new HashSet<>();

    /** {@code in}, whose end is held back until every request read from it has been answered or {@code limit} passes. */
    public InputStream requests(InputStream in, Duration limit) {
        LineSplitter lines = new LineSplitter(this::requestRead);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    lines.add(b, off, n);
                    lines.settle();
                } else if (n < 0) {
                    lines.flush();
                    awaitNone(limit);
                }
                return n;
            }
        };
    }

    /** {@code out}, noting each response written to it. */
    public OutputStream replies(OutputStream out) {
        LineSplitter lines = new LineSplitter(this::replyWritten);
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                lines.add(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                lines.add(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                lines.settle(); // a reply counts as sent once flushed, not when buffered
            }
        };
    }

    /** Waits until no request is waiting for its response, at most {@code limit}; true if none is. */
    public synchronized boolean awaitNone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void requestRead(JsonNode message) {
        if (message.hasNonNull("method") && message.hasNonNull("id")) pending.add(message.get("id").toString());
    }

    private synchronized void replyWritten(JsonNode message) {
        if (!message.has("method") && message.hasNonNull("id") && pending.remove(message.get("id").toString())) notifyAll();
    }

    /** Bytes in, whole lines out as JSON messages (a line that is not JSON is skipped: the SDK answers it). */
    private static final class LineSplitter {
        private final Consumer<JsonNode> onMessage;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<JsonNode> complete = new ArrayList<>();

        LineSplitter(Consumer<JsonNode> onMessage) {
            this.onMessage = onMessage;
        }

        synchronized void add(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') parse();
                else line.write(b[i]);
            }
        }

        /** Takes the last line even without a newline after it, and hands every complete message on. */
        synchronized void flush() {
            parse();
            settle();
        }

        /** Hands the complete messages on. */
        synchronized void settle() {
            for (JsonNode m : complete) onMessage.accept(m);
            complete.clear();
        }

        private void parse() {
            if (line.size() > 0) {
                try {
                    complete.add(JSON.readTree(line.toByteArray()));
                } catch (IOException notJson) {
                    // not a message
                }
            }
            line.reset();
        }
    }
}
