package dev.docent.web.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mcp}: the MCP SDK's streamable HTTP servlet, mounted next to Javalin's in the same
 * Jetty (so on serve's port), behind the same Host/Origin checks as every route. The SDK's
 * transport is a servlet that holds requests open asynchronously (SSE); it runs as its own servlet
 * rather than inside a Javalin handler, whose reply would be written over it, so Javalin's
 * before-handlers do not see it and the same {@link AccessGate} is applied here. A POST body is
 * read here first, as {@link RequestBody} reads the routes' bodies: a slow or cut-off upload is a
 * 408/400 with a debug line (the SDK logged an ERROR and answered 500 for each), invalid UTF-8 a
 * 400 (the SDK decoded it with replacement characters).
 */
final class McpEndpoint extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);
    /** As the SDK's own limit (McpServers) and the route table's. */
    private static final int MAX_BODY_BYTES = 2_000_000;

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
        HttpServletRequest request = req;
        if ("POST".equals(req.getMethod())) {
            byte[] body = body(req, res);
            if (body == null) return; // refused, and answered
            request = new BufferedBody(req, body);
        }
        try {
            transport.service(request, res);
        } catch (RuntimeException e) { // never Jetty's error page with a stack trace
            log.warn("MCP request {} {} failed: {}", req.getMethod(), req.getRequestURI(), e.toString());
            if (!res.isCommitted()) refuse(res, 500, "internal error; Docent's log has details");
        } catch (IOException e) { // the client went away mid-reply
            log.debug("MCP reply to {} {} not delivered: {}", req.getMethod(), req.getRequestURI(), e.toString());
        }
    }

    /**
     * The whole request body, strictly UTF-8 (JSON is), before the SDK sees it; or null when it was
     * refused: too large (413), not UTF-8 (400), or not received in full, e.g. slower than Jetty's
     * minimum upload rate (408) or cut off (400). Those cost a debug line, not an ERROR each: a
     * client that trickles or drops its upload is not the server's fault.
     */
    private static byte[] body(HttpServletRequest req, HttpServletResponse res) throws IOException {
        byte[] body;
        try {
            body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (Exception e) { // Jetty's verdicts come as runtime exceptions too
            int status = e instanceof HttpException http ? http.getCode() : timedOut(e) ? 408 : 400;
            log.debug("MCP request body not received in full: {}", e.toString());
            try {
                refuse(res, status, "the request body was not received in full");
            } catch (IOException | RuntimeException gone) {
                log.debug("MCP client gone before its refusal: {}", gone.toString());
            }
            return null;
        }
        if (body.length > MAX_BODY_BYTES) {
            refuse(res, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            return null;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            refuse(res, 400, "the request body is not valid UTF-8");
            return null;
        }
        return body;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof HttpException h && h.getCode() == 408) return true;
        }
        return false;
    }

    private static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.getOutputStream().write(DocentApp.JSON.writeValueAsString(DocentApp.error(message)).getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read: the SDK reads it from memory, as UTF-8. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    @Override
    public void destroy() {
        transport.destroy();
    }
}
