package dev.docent.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines of stdin that reach the MCP SDK's stdio transport. That transport ends its session at
 * the first line it cannot take (an empty line, not JSON, not a message, a batch), answers nothing
 * from then on and stops reading stdin. This reads stdin line by line in front of it and passes on
 * only single JSON-RPC 2.0 messages that the SDK's own parser accepts; every other line is answered
 * here, as JSON-RPC 2.0 says, on the SDK's output under the SDK's own lock (it writes each message
 * as one line while holding the stream's monitor), so replies never interleave:
 *
 * <ul>
 *   <li>a blank line is skipped;
 *   <li>not JSON, not UTF-8, or nested deeper than {@link #MAX_DEPTH}: -32700 parse error, id null;
 *   <li>longer than {@link #MAX_LINE_BYTES}: -32600, id null (the line is skipped, not buffered);
 *   <li>a batch (an array): -32600, id null (MCP 2025-06-18 removed batching);
 *   <li>any other object that is not a request, notification or response (no {@code "jsonrpc":
 *       "2.0"}, a method that is not a string, an id that is null or neither a string nor an
 *       integer, params that are not an object): -32600, with its id when that is valid;
 *   <li>a response whose id is null or invalid is dropped with a warning (a reply to a reply would
 *       only start a loop).
 * </ul>
 */
public final class JsonRpcLines extends InputStream {

    /** The longest line read; a longer one is refused (the SDK would buffer up to 16 M characters). */
    public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    /** The deepest nesting of arrays and objects accepted in a message. */
    public static final int MAX_DEPTH = 64;

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;

    private static final Logger log = LoggerFactory.getLogger(JsonRpcLines.class);
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean tooLong;
    /** A message to hand on, with its newline; {@code nextPos} is how much of it was read. */
    private byte[] next = new byte[0];
    private int nextPos;

    /**
     * @param in the raw protocol input (stdin)
     * @param out the stream the SDK writes its messages to: errors are written here, each as one
     *     line while holding {@code out}'s monitor, as the SDK does
     */
    public JsonRpcLines(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (nextPos == next.length) {
            if (!nextLine()) return -1;
        }
        int n = Math.min(len, next.length - nextPos);
        System.arraycopy(next, nextPos, b, off, n);
        nextPos += n;
        return n;
    }

    /** Only what is already here: a reader must not block for the next line while it holds a whole one. */
    @Override
    public int available() {
        return next.length - nextPos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads lines until one is to be handed on; false at the end of input. */
    private boolean nextLine() throws IOException {
        while (true) {
            if (bufferPos == bufferEnd) {
                if (eof) return false;
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    if (line.size() > 0 || tooLong) { // the last line, without a newline after it
                        if (accept()) return true;
                    }
                    return false;
                }
                bufferPos = 0;
                bufferEnd = n;
            }
            while (bufferPos < bufferEnd) {
                byte c = buffer[bufferPos++];
                if (c == '\n') {
                    if (accept()) return true;
                } else if (!tooLong) {
                    if (line.size() >= MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    } else {
                        line.write(c);
                    }
                }
            }
        }
    }

    /** Takes the line read: true if it is to be handed on (then it is in {@link #next}). */
    private boolean accept() {
        boolean wasTooLong = tooLong;
        byte[] bytes = line.toByteArray();
        line.reset();
        tooLong = false;
        if (wasTooLong) {
            reply(null, INVALID_REQUEST, "Invalid Request: a message longer than " + MAX_LINE_BYTES / (1024 * 1024)
                    + " MB (one JSON-RPC message per line)");
            return false;
        }
        String text = checked(bytes);
        if (text == null) return false;
        // Valid JSON has a carriage return only as whitespace; the SDK would take it for a line end.
        next = (text.replace('\r', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        nextPos = 0;
        return true;
    }

    /** The line as text if it is one message for the SDK; otherwise answered (or dropped) here, and null. */
    private String checked(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            reply(null, PARSE_ERROR, "Parse error: the line is not valid UTF-8");
            return null;
        }
        if (text.isBlank()) return null; // nothing: keep-alive newlines, a trailing \r\n
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            reply(null, PARSE_ERROR, "Parse error: nested deeper than " + MAX_DEPTH + " levels");
            return null;
        } catch (JsonProcessingException e) {
            reply(null, PARSE_ERROR, "Parse error: " + firstLine(e.getOriginalMessage()));
            return null;
        }
        if (m.isArray()) {
            reply(null, INVALID_REQUEST, "Invalid Request: batches are not supported (MCP 2025-06-18 removed them);"
                    + " send one message per line");
            return null;
        }
        if (!m.isObject()) {
            reply(null, INVALID_REQUEST, "Invalid Request: a message is a JSON object");
            return null;
        }
        JsonNode id = m.get("id");
        boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
        String problem = problem(m, id, validId);
        if (problem == null) {
            try {
                McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), text); // what the SDK will do with it
                return text;
            } catch (IOException | RuntimeException e) {
                problem = "not a message the server can read (" + firstLine(e.getMessage()) + ")";
            }
        }
        if (!m.has("method") && (m.has("result") || m.has("error")) && !validId) {
            log.warn("Dropped a response without a valid id on stdin: {}", problem);
            return null;
        }
        reply(validId ? id : null, INVALID_REQUEST, "Invalid Request: " + problem);
        return null;
    }

    /** What makes {@code m} no JSON-RPC 2.0 message, or null. */
    private static String problem(JsonNode m, JsonNode id, boolean validId) {
        if (!m.path("jsonrpc").isTextual() || !m.get("jsonrpc").asText().equals("2.0")) return "\"jsonrpc\" must be \"2.0\"";
        if (id != null && !validId) return "\"id\" must be a string or an integer" + (id.isNull() ? ", not null" : "");
        if (m.has("method")) {
            if (!m.get("method").isTextual()) return "\"method\" must be a string";
            if (m.has("params") && !m.get("params").isObject()) return "\"params\" must be an object";
            if (m.has("result") || m.has("error")) return "a request has no \"result\" or \"error\"";
            return null;
        }
        if (m.has("result") == m.has("error")) return "neither a request (\"method\") nor a response (\"result\" or \"error\")";
        if (id == null) return "a response needs the \"id\" of its request";
        return null;
    }

    private void reply(JsonNode id, int code, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("jsonrpc", "2.0");
        error.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        error.putObject("error").put("code", code).put("message", message);
        log.warn("Answered a malformed line on stdin: {}", message);
        try {
            byte[] bytes = (JSON.writeValueAsString(error) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) { // the SDK's lock for its own writes: whole lines, never interleaved
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Could not answer on stdout (closed?): {}", e.getMessage());
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
