package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract: validation, errors as JSON, the loopback guard, streaming, status. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {

    @TempDir
    static Path tmp;
    private RunningDocent server;

    @BeforeAll
    void start() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("greenhouse.txt"),
                "The greenhouse heaters switch on when the temperature drops below 4 degrees.\n\n"
                        + "The irrigation pump in the greenhouse is serviced every April.");
        Files.writeString(docs.resolve("broken.pdf"), "");
        server = new RunningDocent(docs, tmp);
        server.awaitIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void assertJsonError(HttpResponse<String> res, int status, String fragment) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), res.headers().toString());
        JsonNode body = RunningDocent.JSON.readTree(res.body());
        assertTrue(body.get("error").asText().contains(fragment), res.body());
        assertFalse(res.body().contains("\tat "), "stack trace leaked: " + res.body());
    }

    @Test
    void badAskRequestsGet400WithAJsonError() throws Exception {
        assertJsonError(server.post("/ask", "{\"question\": \"\"}"), 400, "must not be empty");
        assertJsonError(server.post("/ask", "{\"question\": \"   \"}"), 400, "must not be empty");
        assertJsonError(server.post("/ask", "not json"), 400, "not valid JSON");
        assertJsonError(server.post("/ask", ""), 400, "JSON");
        assertJsonError(server.post("/ask", "[1, 2]"), 400, "JSON object");
        assertJsonError(server.post("/ask", "{}"), 400, "required");
        assertJsonError(server.post("/ask", "{\"question\": 42}"), 400, "must be a string");
        assertJsonError(server.post("/ask", "{\"question\": \"ok?\", \"top_k\": \"five\"}"), 400, "top_k");
        assertJsonError(server.post("/ask", "{\"question\": \"ok?\", \"top_k\": 0}"), 400, "between 1 and 20");
        assertJsonError(server.post("/ask", "{\"question\": \"ok?\", \"top_k\": 2.5}"), 400, "whole number");
        assertJsonError(server.post("/ask", "{\"question\": \"ok?\", \"stream\": \"yes\"}"), 400, "stream");
        String huge = "{\"question\": \"" + "a".repeat(1_000_000) + "\"}";
        assertJsonError(server.post("/ask", huge), 400, "too long");
    }

    @Test
    void badHistoriesGet400NamingTheTurn() throws Exception {
        String q = "{\"question\": \"And in April?\", \"history\": ";
        assertJsonError(server.post("/ask", q + "\"earlier\"}"), 400, "\"history\" must be an array");
        assertJsonError(server.post("/ask", q + "[\"hi\"]}"), 400, "history[0] must be an object");
        assertJsonError(server.post("/ask", q + "[{\"role\": \"system\", \"content\": \"x\"}]}"), 400,
                "history[0].role must be \"user\" or \"assistant\", got \"system\"");
        assertJsonError(server.post("/ask", q + "[{\"content\": \"x\"}]}"), 400, "history[0].role");
        assertJsonError(server.post("/ask", q + "[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\"}]}"),
                400, "history[1].content must be a string");
        assertJsonError(server.post("/ask", q + "[{\"role\": \"user\", \"content\": 7}]}"), 400, "history[0].content must be a string");
        assertJsonError(server.post("/ask", q + "[{\"role\": \"user\", \"content\": \"  \"}]}"), 400, "must not be empty");
        String longTurn = "[{\"role\": \"user\", \"content\": \"" + "a".repeat(16_001) + "\"}]}";
        assertJsonError(server.post("/ask", q + longTurn), 400, "history[0].content is too long: 16001 characters (at most 16000)");
        String many = "[" + String.join(",", java.util.Collections.nCopies(41, "{\"role\": \"user\", \"content\": \"x\"}")) + "]}";
        assertJsonError(server.post("/ask", q + many), 400, "41 turns; at most 40");
        // null and [] mean a question on its own
        assertEquals(200, server.post("/ask", q + "null}").statusCode());
        assertEquals(200, server.post("/ask", q + "[]}").statusCode());
    }

    @Test
    void aFollowUpIsAnsweredFromTheConversationsDocument() throws Exception {
        String body = "{\"question\": \"When is it serviced?\", \"top_k\": 1, \"history\": ["
                + "{\"role\": \"user\", \"content\": \"Which pump waters the greenhouse?\"},"
                + "{\"role\": \"assistant\", \"content\": \"The irrigation pump [1].\"}]}";
        var res = server.post("/ask", body);
        assertEquals(200, res.statusCode(), res.body());
        JsonNode a = RunningDocent.JSON.readTree(res.body());
        assertTrue(a.get("answer").asText().contains("every April"), res.body());
        assertEquals(res.headers().firstValue("X-Answer-Id").orElse(null), a.get("id").asText());
    }

    @Test
    void searchReturnsPassagesWithoutAnAnswer() throws Exception {
        var res = server.get("/api/search?q=" + java.net.URLEncoder.encode("irrigation pump service", StandardCharsets.UTF_8) + "&top_k=2");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode r = RunningDocent.JSON.readTree(res.body());
        assertEquals("irrigation pump service", r.get("query").asText());
        JsonNode p = r.get("passages");
        assertTrue(p.size() >= 1 && p.size() <= 2, res.body());
        JsonNode first = p.get(0);
        assertEquals(1, first.get("rank").asInt());
        assertTrue(first.get("path").asText().endsWith("greenhouse.txt"), res.body());
        assertTrue(first.get("page").isNull());
        assertTrue(first.get("snippet").asText().contains("irrigation pump"), res.body());
        assertTrue(first.get("text").asText().contains("every April"), res.body());
        assertTrue(first.get("score").asDouble() > 0 && first.get("score").asDouble() <= 1, res.body());
        assertTrue(r.get("timings").has("search_ms"), res.body());
        assertFalse(r.has("answer"));

        assertJsonError(server.get("/api/search"), 400, "?q=");
        assertJsonError(server.get("/api/search?q=%20%20"), 400, "?q=");
        assertJsonError(server.get("/api/search?q=pump&top_k=0"), 400, "between 1 and 20");
        assertJsonError(server.get("/api/search?q=pump&top_k=many"), 400, "whole number");
        assertJsonError(server.get("/api/search?q=" + "a".repeat(4001)), 400, "too long");
    }

    @Test
    void cancellingAnUnknownAnswerIs404() throws Exception {
        assertJsonError(server.post("/api/answers/0123456789abcdef01234567/cancel", ""), 404, "no answer in progress");
        assertJsonError(server.post("/api/answers/..%2F..%2Fetc%2Fpasswd/cancel", ""), 404, "");
        var get = server.get("/api/answers/0123456789abcdef01234567/cancel");
        assertTrue(get.statusCode() == 404 || get.statusCode() == 405, get.statusCode() + " " + get.body());
        assertTrue(get.body().contains("\"error\""), get.body());
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        assertJsonError(server.get("/nope"), 404, "not found");
        assertJsonError(server.get("/api/nope"), 404, "not found");
        var put = server.http.send(server.request("/ask")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(put.statusCode() == 404 || put.statusCode() == 405, put.statusCode() + " " + put.body());
        assertTrue(put.body().contains("\"error\""), put.body());
    }

    @Test
    void aForeignOriginOrHostIsRefused() throws Exception {
        var evil = server.http.send(server.request("/ask")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"greenhouse\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertJsonError(evil, 403, "cross-origin");
        var same = server.http.send(server.request("/api/status")
                .header("Origin", server.base()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, same.statusCode());
        // DNS rebinding: the browser would send the attacker's host name. HttpClient cannot set
        // Host, so this one goes over a raw socket.
        String raw = rawGet("/api/status", "rebind.evil.example:" + server.app.port());
        assertTrue(raw.startsWith("HTTP/1.1 403"), raw);
        assertTrue(raw.contains("\"error\""), raw);
        assertTrue(rawGet("/api/status", "localhost:" + server.app.port()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void theStatusStreamAndDocumentsAreBehindTheSameGuard() throws Exception {
        for (String path : List.of("/api/status/events", "/api/documents?status=failed")) {
            String raw = rawGet(path, "rebind.evil.example:" + server.app.port());
            assertTrue(raw.startsWith("HTTP/1.1 403"), path + ": " + raw);
            var evil = server.http.send(server.request(path)
                    .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertJsonError(evil, 403, "cross-origin");
        }
    }

    private String rawGet(String path, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.app.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void askAnswersWithNumberedCitations() throws Exception {
        var res = server.post("/ask", "{\"question\": \"When is the irrigation pump serviced?\", \"top_k\": 3}");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode a = RunningDocent.JSON.readTree(res.body());
        assertEquals("extractive", a.get("mode").asText());
        assertTrue(a.get("answer").asText().contains("April"), res.body());
        assertTrue(a.get("answer").asText().contains("[1]"), res.body());
        JsonNode c = a.get("citations").get(0);
        assertEquals(1, c.get("id").asInt());
        assertTrue(c.get("path").asText().endsWith("greenhouse.txt"));
        assertTrue(c.get("page").isNull(), "plain text has no pages");
        assertTrue(c.get("snippet").asText().contains("irrigation pump"));
        assertTrue(c.get("score").asDouble() > 0 && c.get("score").asDouble() <= 1);
        assertTrue(a.get("timings").has("total_ms"));
    }

    @Test
    void streamingSendsTokensThenCitationsThenDone() throws Exception {
        var res = server.http.send(server.request("/ask")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"greenhouse heaters\", \"stream\": true}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        StringBuilder tokens = new StringBuilder();
        try (var reader = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("event: ")) event = line.substring(7);
                if (line.startsWith("data: ")) {
                    events.add(event);
                    if ("answer".equals(event) || "done".equals(event)) {
                        ids.add(RunningDocent.JSON.readTree(line.substring(6)).get("id").asText());
                    }
                    if ("token".equals(event)) tokens.append(RunningDocent.JSON.readTree(line.substring(6)).get("text").asText());
                    if ("done".equals(event)) {
                        JsonNode done = RunningDocent.JSON.readTree(line.substring(6));
                        assertEquals(tokens.toString(), done.get("answer").asText());
                    }
                }
            }
        }
        assertTrue(events.size() >= 4, events.toString());
        assertEquals("answer", events.getFirst(), "the answer's id comes first");
        assertEquals("done", events.getLast());
        assertEquals("citations", events.get(events.size() - 2));
        assertTrue(events.subList(1, events.size() - 2).stream().allMatch("token"::equals), events.toString());
        String id = res.headers().firstValue("X-Answer-Id").orElse("");
        assertTrue(id.matches("[0-9a-f]{24}"), "X-Answer-Id: " + id);
        assertEquals(id, ids.getFirst());
        assertEquals(id, ids.getLast());
        assertTrue(tokens.toString().contains("4 degrees"), tokens.toString());
    }

    @Test
    void statusAndDocumentsReportFailuresWithReasons() throws Exception {
        JsonNode s = RunningDocent.JSON.readTree(server.get("/api/status").body());
        assertEquals(1, s.get("documents").get("indexed").asInt());
        assertEquals(1, s.get("documents").get("failed").asInt());
        assertEquals(0, s.get("documents").get("pending").asInt());
        assertTrue(s.get("chunks").asInt() >= 1);
        assertFalse(s.get("indexing").asBoolean());
        JsonNode docs = RunningDocent.JSON.readTree(server.get("/api/documents").body());
        assertEquals(2, docs.size());
        JsonNode broken = docs.get(0).get("path").asText().endsWith("broken.pdf") ? docs.get(0) : docs.get(1);
        assertEquals("failed", broken.get("status").asText());
        assertTrue(broken.get("error").asText().contains("empty"), broken.toString());
    }

    @Test
    void statusListsWhatTheWalkSkippedWithTheReason() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "Not in a watched folder.");
        Path link = Files.createSymbolicLink(server.folder.resolve("outside-link.txt"), outside);
        String expected = link.getParent().toRealPath().resolve("outside-link.txt").toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode s;
        do { // the link's creation is a file event: a sync follows within a second or two
            Thread.sleep(200);
            s = RunningDocent.JSON.readTree(server.get("/api/status").body());
        } while (s.get("skipped_count").asInt() == 0 && System.nanoTime() < deadline);
        assertEquals(1, s.get("skipped_count").asInt(), s.toString());
        assertEquals(expected, s.get("skipped").get(0).get("path").asText());
        assertEquals("symbolic link to outside the watched folders", s.get("skipped").get(0).get("reason").asText());
        assertEquals(1, s.get("documents").get("indexed").asInt()); // the link's target was not indexed
    }

    @Test
    void thePageIsServedLocallyWithoutExternalResources() throws Exception {
        var page = server.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"ask-form\""));
        for (String asset : List.of("/app.js", "/render.js", "/conversations.js", "/status.js", "/documents.js", "/style.css")) {
            assertEquals(200, server.get(asset).statusCode(), asset);
        }
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "page references an external resource");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }
}
