package dev.docent.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON mapper of the streamable HTTP transport, writing an HTTP error body as a JSON-RPC error
 * response. The SDK writes the {@link McpError} it refuses a request with (a body that is not a
 * message, an unknown session) by serializing the exception object itself, so the client got its
 * Java stack trace; here it gets {@code {"jsonrpc": "2.0", "id": null, "error": {"code", "message"}}}.
 */
final class ErrorBodies implements McpJsonMapper {

    private final McpJsonMapper json;

    ErrorBodies(McpJsonMapper json) {
        this.json = json;
    }

    private static Object body(Object value) {
        if (!(value instanceof McpError e)) return value;
        Map<String, Object> error = new LinkedHashMap<>();
        var rpc = e.getJsonRpcError();
        error.put("code", rpc == null || rpc.code() == null ? -32603 : rpc.code());
        error.put("message", rpc == null || rpc.message() == null ? "internal error" : rpc.message());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", null);
        out.put("error", error);
        return out;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return json.writeValueAsString(body(value));
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return json.writeValueAsBytes(body(value));
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return json.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return json.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return json.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return json.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object from, Class<T> type) {
        return json.convertValue(from, type);
    }

    @Override
    public <T> T convertValue(Object from, TypeRef<T> type) {
        return json.convertValue(from, type);
    }
}
