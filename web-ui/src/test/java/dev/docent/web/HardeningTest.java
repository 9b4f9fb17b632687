package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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

/** The audit's web findings, through the real server: each refused cleanly, in JSON. */
// Longer than the build's 1-minute default: slow uploads are cut off only after their grace period.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardeningTest {

    @TempDir
    static Path tmp;
    private RunningDocent server;

    @BeforeAll
    void start() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("boiler.txt"), "The boiler is serviced every October by Hartley Heating.");
        server = new RunningDocent(docs, tmp);
        server.awaitIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.app.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String host() {
        return "127.0.0.1:" + server.app.port();
    }

    @Test
    void aHostHeaderNamingAnotherPortIsRefused() throws Exception {
        String other = raw("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:9999\r\nConnection: close\r\n\r\n");
        assertTrue(other.startsWith("HTTP/1.1 403"), other);
        assertTrue(raw("GET /api/status HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
    }

    @Test
    void askNeedsJsonAndNothingAfterIt() throws Exception {
        var text = server.http.send(server.request("/ask")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"boiler?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, text.statusCode(), text.body());
        assertTrue(text.body().contains("application/json"), text.body());
        var trailing = server.post("/ask", "{\"question\": \"boiler?\"} {\"question\": \"again\"}");
        assertEquals(400, trailing.statusCode(), trailing.body());
        assertTrue(trailing.body().contains("not valid JSON"), trailing.body());
        var charset = server.http.send(server.request("/ask")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"When is the boiler serviced?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, charset.statusCode(), charset.body());
    }

    @Test
    void questionLengthCountsCharactersNotUtf16Units() throws Exception {
        int max = server.docent.config().maxQuestionChars();
        String emoji = "\uD83D\uDD25"; // one character, two UTF-16 units
        var atLimit = server.post("/ask", "{\"question\": \"" + emoji.repeat(max) + "\", \"top_k\": 1}");
        assertEquals(200, atLimit.statusCode(), atLimit.body().substring(0, Math.min(300, atLimit.body().length())));
        var over = server.post("/ask", "{\"question\": \"" + emoji.repeat(max + 1) + "\"}");
        assertEquals(400, over.statusCode());
        assertTrue(over.body().contains((max + 1) + " characters"), over.body());
    }

    @Test
    void wrongMethodsGet405AndProtocolErrorsAreJson() throws Exception {
        var get = server.get("/ask");
        assertEquals(405, get.statusCode(), get.body());
        assertTrue(get.body().contains("\"error\""), get.body());
        var post = server.post("/api/status", "{}");
        assertEquals(405, post.statusCode(), post.body());

        String longUri = raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n");
        String bigHeader = raw("GET / HTTP/1.1\r\nHost: " + host() + "\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        String badVersion = raw("GET / HTTP/7.1\r\nHost: " + host() + "\r\n\r\n");
        String garbage = raw("\u0001\u0002 nonsense\r\n\r\n");
        for (String reply : List.of(longUri, bigHeader, badVersion, garbage)) {
            assertTrue(reply.matches("(?s)HTTP/1\\.1 (400|414|431|505) .*"), reply);
            assertTrue(reply.toLowerCase().contains("content-type: application/json"), reply);
            assertTrue(reply.contains("{\"error\":"), reply);
            assertTrue(!reply.contains("<html"), reply);
        }
    }

    @Test
    void anAbortedUploadIsA400NotAServerError() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.app.port())) {
            s.getOutputStream().write(("POST /ask HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + server.token()
                + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{\"question\": \"boi").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.shutdownOutput(); // the client gives up half-way through its body
            s.setSoTimeout(20_000);
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.isEmpty() || reply.matches("(?s)HTTP/1\\.1 (400|408) .*"), reply);
        }
        assertEquals(200, server.get("/api/status").statusCode());
    }

    /**
     * 260 connections each trickling one body byte every 2 s (the audit used 5 s) must not stop
     * normal questions: each is answered within a few seconds while the trickle goes on, and the
     * server closes the trickling connections instead of holding a thread for each.
     */
    @Test
    void slowUploadsDoNotStarveNormalRequests() throws Exception {
        List<SocketChannel> slow = new ArrayList<>();
        byte[] head = ("POST /ask HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + server.token()
                + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < 260; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.app.port()));
                c.write(ByteBuffer.wrap(head));
                slow.add(c);
            }
            long worstMs = 0;
            long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            int asked = 0;
            while (System.nanoTime() < end) {
                for (SocketChannel c : slow) {
                    try {
                        if (c.isOpen()) c.write(ByteBuffer.wrap(new byte[] {' '}));
                    } catch (java.io.IOException closedByServer) {
                        c.close();
                    }
                }
                long t0 = System.nanoTime();
                var res = server.http.send(server.request("/ask")
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"When is the boiler serviced?\", \"top_k\": 1}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, res.statusCode(), res.body());
                worstMs = Math.max(worstMs, ms);
                asked++;
                Thread.sleep(2000);
            }
            long stillOpen = slow.stream().filter(SocketChannel::isOpen).count();
            System.out.printf("slow uploads: %d asks during 260 trickling uploads, slowest %d ms; %d slow connections still open%n",
                    asked, worstMs, stillOpen);
            assertTrue(worstMs < 5000, "a normal /ask took " + worstMs + " ms while slow uploads ran");
            // Without a minimum upload rate all 260 stay open, each holding a request thread.
            assertEquals(0, stillOpen, "the server kept trickling uploads open");
        } finally {
            for (SocketChannel c : slow) c.close();
        }
    }
}
