package dev.docent.cli;

import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docent's MCP server driven by the official MCP SDK's own client: streamable HTTP at /mcp on a
 * real serve (ephemeral port, the same route table), and stdio from a child JVM running
 * {@code ./docent mcp} on the data directory that serve is using at the same time.
 */
class McpTest {

    private static final Set<String> TOOLS = Set.of("search", "ask", "get_document", "list_documents", "status");

    private static Path docs(Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        Files.createDirectories(docs.resolve("harbour"));
        Files.writeString(docs.resolve("harbour/boats.txt"), "The harbour keeps twelve sailing boats. Each boat is painted blue.");
        return docs;
    }

    private static JsonNode json(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), String.valueOf(r.content()));
        String text = ((McpSchema.TextContent) r.content().getFirst()).text();
        try {
            return RunningDocent.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new CallToolRequest(tool, args));
    }

    /** What both transports must do alike: list the tools with schemas, search, read a document. */
    private static void toolsWork(McpSyncClient client, RunningDocent server) {
        var tools = client.listTools().tools();
        assertEquals(TOOLS, tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
        for (var t : tools) {
            assertTrue(t.description().length() > 100, t.name() + " needs a description written for a model");
            assertEquals("object", t.inputSchema().get("type"), t.name());
        }
        JsonNode found = json(call(client, "search", Map.of("query", "What did Lily find in the park?", "top_k", 2)));
        assertTrue(found.get("found").asBoolean(), found.toString());
        JsonNode best = found.get("passages").get(0);
        String lily = server.folder.resolve("lily.txt").toString();
        assertEquals(lily, best.get("path").asText());
        assertEquals(dev.docent.indexer.DocumentId.of(lily), best.get("document_id").asText(), "the web API's id");
        assertTrue(best.get("snippet").asText().contains("red ball"), best.toString());
        assertTrue(best.has("page") && best.has("score"), best.toString());

        // search says found/confidence exactly as an answer to the same question does (ask)
        for (String q : List.of("What did Lily find in the park?", "How are the sailing boats insured against storms?")) {
            JsonNode searched = json(call(client, "search", Map.of("query", q, "top_k", 5)));
            JsonNode asked = json(call(client, "ask", Map.of("question", q, "top_k", 5)));
            assertEquals(asked.get("found").asBoolean(), searched.get("found").asBoolean(), q + ": " + searched + " vs " + asked);
            assertEquals(asked.get("confidence").asDouble(), searched.get("confidence").asDouble(), 1e-9, q);
        }

        JsonNode doc = json(call(client, "get_document", Map.of("id", best.get("document_id").asText())));
        assertTrue(doc.get("text").asText().contains("She gave it to her friend Tom."), doc.toString());
        JsonNode byPath = json(call(client, "get_document", Map.of("path", lily)));
        assertEquals(doc.get("text").asText(), byPath.get("text").asText());
        assertTrue(call(client, "get_document", Map.of("id", "0123456789abcdef")).isError(), "an unknown id");

        CallToolResult missing = call(client, "get_document", Map.of("path", "/etc/passwd"));
        assertTrue(missing.isError(), "only documents in the catalog can be read");
        assertTrue(((McpSchema.TextContent) missing.content().getFirst()).text().contains("list_documents"));
    }

    @Test
    void streamableHttpOnServesPortOffersTheToolsBehindTheSameChecks(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            var transport = HttpClientStreamableHttpTransport.builder(server.base()).endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + server.token())).build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(40)).build()) {
                client.initialize();
                toolsWork(client, server);

                JsonNode filtered = json(call(client, "search", Map.of("query", "red ball", "file", "boats*")));
                assertEquals(1, filtered.get("passages").size(), filtered.toString());
                assertTrue(filtered.get("passages").get(0).get("path").asText().endsWith("boats.txt"));
                JsonNode inFolder = json(call(client, "list_documents", Map.of("folder", "harbour", "status", "indexed")));
                assertEquals(1, inFolder.get("matching").asInt(), inFolder.toString());
                assertEquals(2, json(call(client, "list_documents", Map.of("name", "*.txt"))).get("matching").asInt());

                JsonNode answer = json(call(client, "ask", Map.of("question", "And what did she give away?", "history", List.of(
                        Map.of("role", "user", "content", "What did Lily find?"),
                        Map.of("role", "assistant", "content", "A red ball [1].")))));
                assertTrue(answer.get("answer").asText().contains("[1]"), answer.toString());
                assertTrue(answer.get("citations").get(0).get("path").asText().endsWith("lily.txt"), answer.toString());

                assertEquals(2, json(call(client, "status", Map.of())).get("documents").get("indexed").asInt());
                CallToolResult bad = call(client, "search", Map.of("query", "x", "top_k", 500));
                assertTrue(bad.isError(), "top_k out of range is a tool error the model can read");
            }
            // The same DNS-rebinding and cross-site defence as every other route.
            String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
            var foreign = server.http.send(server.request("/mcp")
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(init)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), foreign.body());
        }
    }

    @Test
    @Timeout(180)
    void stdioServerReadsTheIndexWhileServeRunsAndSeesItsCommits(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            List<String> cmd = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                    "-Xmx1g", "-cp", classpath(), Main.class.getName(), "mcp", "--data", tmp.resolve("data").toString()));
            var params = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString()).args(cmd).build();
            var transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
            List<String> stderr = Collections.synchronizedList(new ArrayList<>());
            transport.setStdErrorHandler(stderr::add);
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(60)).build()) {
                client.initialize(); // a stray line on stdout would break this: only protocol goes there
                toolsWork(client, server);

                // serve indexes a new file; the stdio server sees it at its next search.
                Files.writeString(server.folder.resolve("kite.txt"), "Tom flew a green kite above the windmill.");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String best;
                do {
                    Thread.sleep(500);
                    best = json(call(client, "search", Map.of("query", "green kite windmill", "top_k", 1)))
                            .get("passages").get(0).get("path").asText();
                } while (!best.endsWith("kite.txt") && System.nanoTime() < deadline);
                assertTrue(best.endsWith("kite.txt"), best);
                JsonNode status = json(call(client, "status", Map.of()));
                assertTrue(status.get("read_only").asBoolean());
                assertEquals(3, status.get("documents").get("indexed").asInt(), status.toString());
            }
            assertTrue(String.join("\n", stderr).contains("serving"), "its own messages go to stderr: " + stderr);
            aScriptThatClosesStdinAtOnceStillGetsItsReply(cmd);
        }
    }

    /** {@code printf '...' | docent mcp}: the requests are all read before the search is answered. */
    private static void aScriptThatClosesStdinAtOnceStillGetsItsReply(List<String> cmd) throws Exception {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        full.addAll(cmd);
        Process piped = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = piped.getOutputStream()) {
            stdin.write("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"sh","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"green kite windmill","top_k":1}}}
                    """.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(piped.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(piped.waitFor(60, TimeUnit.SECONDS), "mcp did not end after stdin closed");
        assertEquals(0, piped.exitValue());
        JsonNode searched = null;
        for (String line : out.split("\n")) {
            JsonNode m = RunningDocent.JSON.readTree(line);
            if (m.path("id").asInt() == 2) searched = m;
        }
        assertTrue(searched != null && searched.has("result"), "no reply to the search in: " + out);
        assertTrue(searched.toString().contains("kite.txt"), searched.toString());
    }

    /**
     * Issue 18 item 17: each malformed line gets its JSON-RPC error (an empty line none), the
     * server goes on serving, and it exits when stdin ends. The SDK alone ended its session at the
     * first such line, answered nothing more, and the process never exited.
     */
    @Test
    @Timeout(180)
    void stdioAnswersEveryMalformedLineKeepsServingAndExitsAtEndOfInput(@TempDir Path tmp) throws Exception {
        List<String> full;
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
        }
        full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-cp", classpath(),
                Main.class.getName(), "mcp", "--data", tmp.resolve("data").toString()));
        Process mcp = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var replies = new java.util.concurrent.LinkedBlockingQueue<String>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(mcp.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) replies.add(line);
            } catch (java.io.IOException ended) {
                // the process ended
            }
        });
        var input = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> line = l -> input.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        line.accept("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"sh","version":"1"}}}""");
        line.accept("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        line.accept("");                                                              // skipped: no reply
        line.accept("this is not json");                                              // -32700
        line.accept("{\"jsonrpc\":\"2.0\"}");                                          // -32600
        line.accept("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}");   // -32600
        line.accept("[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}]");    // -32600: a batch
        line.accept("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"a\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}");                                         // -32700: nested too deep
        line.accept("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}");                     // -32600, id 5
        input.writeBytes("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{\"x\":\"\u00ff".getBytes(
                StandardCharsets.ISO_8859_1));                                         // -32700: not UTF-8
        line.accept("\"}}");
        line.accept("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5 << 20) + "\"}}"); // -32600: too long
        line.accept("""
                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"search","arguments":{"query":"What did Lily find?","top_k":1}}}""");
        // Written on a thread of its own: a server that stops reading must fail this test, not hang it.
        var stdin = mcp.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                stdin.write(input.toByteArray());
                stdin.flush();
            } catch (java.io.IOException closed) {
                // the process ended
            }
        });
        try {
            List<JsonNode> got = new ArrayList<>();
            JsonNode searched = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (searched == null && System.nanoTime() < deadline) {
                String r = replies.poll(1, TimeUnit.SECONDS);
                if (r == null) continue;
                JsonNode m = RunningDocent.JSON.readTree(r);
                got.add(m);
                if (m.path("id").asInt() == 9) searched = m;
            }
            assertTrue(searched != null && searched.has("result"), "no reply to the search after the bad lines: " + got);
            assertTrue(searched.toString().contains("lily.txt"), searched.toString());
            List<String> errors = got.stream().filter(m -> m.has("error"))
                    .map(m -> m.get("id").toString() + " " + m.get("error").get("code").asInt()).toList();
            assertEquals(List.of("null -32700", "null -32600", "null -32600", "null -32600", "null -32700", "5 -32600",
                    "null -32700", "null -32600"), errors, got.toString());
            assertTrue(got.stream().anyMatch(m -> m.path("id").asInt() == 1 && m.has("result")), "initialize answered: " + got);
            assertEquals(got.size(), errors.size() + 2, "nothing else is answered: " + got);

            stdin.close();
            assertTrue(mcp.waitFor(10, TimeUnit.SECONDS), "mcp did not exit after stdin closed");
            assertEquals(0, mcp.exitValue());
        } finally {
            mcp.destroyForcibly();
        }
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
