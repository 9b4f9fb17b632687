package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp}'s refusals (issue 18 item 19): JSON without a Java stack trace, a 408/400 without an
 * ERROR line for an upload that trickles, a 400 for a body that is not UTF-8.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpEndpointTest {

    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"t","version":"1"}}}""";

    @TempDir
    static Path tmp;
    private RunningDocent server;

    @BeforeAll
    void start() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("boiler.txt"), "The boiler is serviced every October by Hartley Heating.");
        server = new RunningDocent(docs, tmp);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(byte[] body, String session) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(server.base() + "/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session != null) b.header("Mcp-Session-Id", session);
        return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void noStackTrace(HttpResponse<String> r) {
        assertFalse(r.body().contains("stackTrace") || r.body().contains("Exception") || r.body().contains("at io."), r.body());
    }

    @Test
    void errorRepliesAreJsonRpcErrorsWithoutAStackTrace() throws Exception {
        var notJson = post("{\"jsonrpc\": \"2.0\", not json".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(400, notJson.statusCode(), notJson.body());
        noStackTrace(notJson);
        var error = RunningDocent.JSON.readTree(notJson.body());
        assertEquals("2.0", error.path("jsonrpc").asText(), notJson.body());
        assertEquals(-32600, error.path("error").path("code").asInt(), notJson.body());

        var unknownSession = post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8), "nope");
        assertTrue(unknownSession.statusCode() >= 400 && unknownSession.statusCode() < 500, unknownSession.body());
        noStackTrace(unknownSession);

        assertEquals(200, post(INIT.getBytes(StandardCharsets.UTF_8), null).statusCode(), "a good request still works");
    }

    @Test
    void aBodyThatIsNotUtf8IsA400() throws Exception {
        byte[] init = INIT.replace("\"t\"", "\"t\u00ff\"").getBytes(StandardCharsets.ISO_8859_1); // a lone 0xFF byte
        var r = post(init, null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("UTF-8"), r.body());
    }

    /** The audit's slow-body attack on /mcp, scaled down: each trickling upload is cut off with a 408 (or 400), quietly. */
    @Test
    void slowBodiesGet408sAndNoErrorLines() throws Exception {
        PrintStream stderr = System.err;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(stderr, captured), true, StandardCharsets.UTF_8));
        List<Socket> slow = new ArrayList<>();
        try {
            byte[] head = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + server.app.port() + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", server.app.port());
                s.getOutputStream().write(head);
                slow.add(s);
            }
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < end) {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(' ');
                    } catch (IOException closedByServer) {
                        // answered and closed: fine
                    }
                }
                Thread.sleep(1000);
            }
            for (Socket s : slow) {
                s.setSoTimeout(10_000);
                String reply = new String(s.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
                assertTrue(reply.isEmpty() || reply.matches("(?s)HTTP/1\\.1 (400|408) .*"), reply);
                assertFalse(reply.contains("stackTrace"), reply);
            }
        } finally {
            for (Socket s : slow) s.close();
            System.setErr(stderr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertFalse(log.lines().anyMatch(l -> l.contains(" ERROR ")), "ERROR lines for slow uploads:\n" + log);
        assertEquals(200, server.get("/api/status").statusCode());
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final ByteArrayOutputStream b;

        TeeStream(java.io.OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
