package dev.docent.web.api;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /mcp}: the MCP SDK's streamable HTTP servlet, mounted next to Javalin's in the same
 * Jetty (so on serve's port), behind the same Host/Origin checks as every route. The SDK's
 * transport is a servlet that holds requests open asynchronously (SSE); it runs as its own servlet
 * rather than inside a Javalin handler, whose reply would be written over it, so Javalin's
 * before-handlers do not see it and the same {@link AccessGate} is applied here.
 */
final class McpEndpoint extends HttpServlet {

    private final HttpServlet transport;
    private final AccessGate gate;

    McpEndpoint(HttpServlet transport, AccessGate gate) {
        this.transport = transport;
        this.gate = gate;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        AccessGate.Refusal refused = gate.check(req);
        if (refused != null) {
            res.setStatus(refused.status());
            if (refused.status() == 401) res.setHeader("WWW-Authenticate", "Bearer");
            res.setContentType("application/json");
            res.getOutputStream().write(DocentApp.JSON.writeValueAsString(DocentApp.error(refused.message()))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        res.setHeader("X-Content-Type-Options", "nosniff");
        transport.service(req, res);
    }

    @Override
    public void destroy() {
        transport.destroy();
    }
}
