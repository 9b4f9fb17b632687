package dev.docent.mcp;

import dev.docent.assistant.Docent;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** Docent's MCP server on either transport, built with the official SDK. */
public final class McpServers {

    /** The path of the streamable HTTP endpoint on serve's port. */
    public static final String PATH = "/mcp";

    private static final String INSTRUCTIONS = """
            Docent holds the user's private local documents. Use search to find passages, ask for a cited \
            answer, list_documents and get_document to browse and read, status to see whether indexing \
            is done. Cite documents by their path and page when you use what they say.""";

    private McpServers() {}

    /**
     * The MCP server over stdio: JSON-RPC lines on {@code in} and {@code out}, nothing else on {@code out}.
     * Give it stdin through {@link JsonRpcLines} (writing to the same {@code out}): the SDK ends the
     * session at the first line that is not a message it can read.
     */
    public static McpSyncServer stdio(Docent docent, InputStream in, OutputStream out) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        return build(McpServer.sync(new StdioServerTransportProvider(mapper, in, out)), docent, mapper);
    }

    /** The streamable HTTP transport (a servlet to mount at {@link #PATH}) and the server behind it. */
    public record Http(HttpServlet servlet, McpSyncServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    public static Http http(Docent docent) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        // Host and Origin are checked in front of this servlet, with the rest of the route table's
        // rules (web.api.McpEndpoint), so the SDK's own header validator is left at its default.
        // Error bodies as JSON-RPC errors, not the SDK's exception object with its stack trace.
        var transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(new ErrorBodies(mapper)).mcpEndpoint(PATH)
                .keepAliveInterval(Duration.ofSeconds(30)).maxRequestSize(2_000_000).build(); // as the route table's limit
        McpSyncServer server = McpServer.sync(transport).serverInfo("docent", version())
                .instructions(INSTRUCTIONS).capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofMinutes(5)).tools(DocentTools.over(docent, mapper)).build();
        return new Http(transport, server);
    }

    private static McpSyncServer build(McpServer.SingleSessionSyncSpecification spec, Docent docent, McpJsonMapper mapper) {
        return spec.serverInfo("docent", version()).instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofMinutes(5)).tools(DocentTools.over(docent, mapper)).build();
    }

    private static String version() {
        String v = McpServers.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
