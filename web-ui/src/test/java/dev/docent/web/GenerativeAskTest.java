package dev.docent.web;

import dev.docent.assistant.LlmSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * /ask with a real language model loaded through llama.cpp. The only model available here is the
 * tiny stories260K (it writes children's stories and never cites), so this checks the plumbing:
 * generative mode, streaming, timings, the citation check's note, the status report, and the
 * fallback to extractive answers when a model file is bad.
 */
// Longer than the build's 1-minute default: fills the model queue with real generations.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GenerativeAskTest {

    private static Path docs(Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        return docs;
    }

    @Test
    void aLoadedModelAnswersGenerativelyAndTheStatusSaysSo(@TempDir Path tmp) throws Exception {
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 1024, 1, 0, 0f, 24, 60, 4);
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            JsonNode status = RunningDocent.JSON.readTree(server.get("/api/status").body());
            assertEquals("generative", status.get("mode").asText());
            assertTrue(status.get("llm").get("loaded").asBoolean(), status.toString());
            assertEquals("llama", status.get("model").asText());

            var res = server.post("/ask", "{\"question\": \"What did Lily find?\"}");
            assertEquals(200, res.statusCode(), res.body());
            JsonNode a = RunningDocent.JSON.readTree(res.body());
            assertEquals("generative", a.get("mode").asText());
            assertEquals("llama", a.get("model").asText());
            assertFalse(a.get("answer").asText().isBlank(), res.body());
            JsonNode t = a.get("timings");
            assertEquals(24, t.get("generated_tokens").asInt(), res.body());
            assertTrue(t.get("prompt_tokens").asInt() > 50, res.body());
            // The story model cites nothing: no citation may be invented, and the user is told; the
            // passages it was given are listed, each marked as not cited, to check the answer against.
            assertTrue(a.get("citations").size() > 0, res.body());
            for (JsonNode c : a.get("citations")) {
                assertFalse(c.get("cited").asBoolean(), c.toString());
                assertTrue(c.get("uncited").asBoolean(), c.toString());
                assertFalse(c.get("path").asText().isBlank(), c.toString());
            }
            assertFalse(a.get("answer").asText().matches("(?s).*\\[\\d+\\].*"), "no marker was added to the text");
            assertTrue(a.get("notes").toString().contains("cites no source"), res.body());
            assertTrue(a.get("notes").toString().contains("cut off at 24 tokens"), res.body());

            // Asked again, the instructions and sources are already in the KV cache.
            JsonNode again = RunningDocent.JSON.readTree(server.post("/ask", "{\"question\": \"What did Lily find?\"}").body());
            assertEquals(a.get("answer").asText(), again.get("answer").asText(), "greedy answers differ");
            assertEquals(again.get("timings").get("prompt_tokens").asInt() - 1,
                    again.get("timings").get("reused_prompt_tokens").asInt());
        }
    }

    @Test
    void aFollowUpIsCondensedByTheModelAndItsAnswerReusesTheCondensePromptFromTheCache(@TempDir Path tmp) throws Exception {
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 1024, 1, 0, 0f, 24, 60, 4);
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            String body = "{\"question\": \"And what did she do with it?\", \"history\": ["
                    + "{\"role\": \"user\", \"content\": \"What did Lily find in the park?\"},"
                    + "{\"role\": \"assistant\", \"content\": \"She found a red ball [1].\"}]}";
            var res = server.post("/ask", body);
            assertEquals(200, res.statusCode(), res.body());
            JsonNode a = RunningDocent.JSON.readTree(res.body());
            assertEquals("generative", a.get("mode").asText());
            JsonNode t = a.get("timings");
            assertTrue(t.has("condense_ms"), res.body());
            // This server's first answer: only the condensing step can have put the instructions
            // and the conversation into the KV cache.
            int reused = t.get("reused_prompt_tokens").asInt();
            assertTrue(reused > 50 && reused < t.get("prompt_tokens").asInt(), res.body());
            // The story model rewrites nothing sensible, but whatever it wrote was searched with.
            assertTrue(a.get("notes").toString().contains("rewritten from the conversation"), res.body());

            // The same passages without the conversation: a question that stands alone and is found
            // (the bare "And what did she do with it?" is not found, and a not-found prompt says more).
            JsonNode alone = RunningDocent.JSON.readTree(server.post("/ask", "{\"question\": \"What did Lily do with the ball?\"}").body());
            assertTrue(alone.get("found").asBoolean() && a.get("found").asBoolean(), alone + "\n" + res.body());
            assertTrue(alone.get("timings").get("prompt_tokens").asInt() < t.get("prompt_tokens").asInt(),
                    "the conversation is not in the answer's prompt: alone " + alone + "\nwith history " + res.body());
            assertTrue(!alone.get("timings").has("condense_ms"));
        }
    }

    @Test
    void questionsBeyondTheQueueGet503AndAVanishedClientDoesNotHurtTheServer(@TempDir Path tmp) throws Exception {
        // One answer at a time, one waiting: of many simultaneous questions some must be refused.
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 2048, 1, 0, 0f, 1500, 60, 1);
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            var request = server.request("/ask")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"question\": \"What did Lily find?\"}")).build();
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                futures.add(server.http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0, busy = 0;
            for (var f : futures) {
                var res = f.get();
                if (res.statusCode() == 200) ok++;
                if (res.statusCode() == 503) {
                    busy++;
                    assertEquals("5", res.headers().firstValue("Retry-After").orElse(null));
                    assertTrue(RunningDocent.JSON.readTree(res.body()).get("error").asText().contains("busy"), res.body());
                }
            }
            assertTrue(ok >= 1 && busy >= 1, ok + " answered, " + busy + " refused");

            // A streaming client that reads one event and vanishes.
            try (var socket = new java.net.Socket("127.0.0.1", server.app.port())) {
                String body = "{\"question\": \"What did Lily find?\", \"stream\": true}";
                socket.getOutputStream().write(("POST /ask HTTP/1.1\r\nHost: 127.0.0.1:" + server.app.port()
                        + "\r\nAuthorization: Bearer " + server.token()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: token")) break;
                }
            }
            var after = server.post("/ask", "{\"question\": \"What did Lily find?\"}");
            for (int i = 0; i < 50 && after.statusCode() == 503; i++) { // the abandoned answer may still be stopping
                Thread.sleep(100);
                after = server.post("/ask", "{\"question\": \"What did Lily find?\"}");
            }
            assertEquals(200, after.statusCode(), after.body());
        }
    }

    @Test
    void aBadModelFileLeavesDocentAnsweringExtractivelyWithTheReason(@TempDir Path tmp) throws Exception {
        Path bogus = Files.writeString(tmp.resolve("model.gguf"), "not really a model");
        LlmSettings llm = new LlmSettings(bogus, 1024, 1, 0, 0f, 24, 60, 4);
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            JsonNode status = RunningDocent.JSON.readTree(server.get("/api/status").body());
            assertEquals("extractive", status.get("mode").asText());
            assertFalse(status.get("llm").get("loaded").asBoolean());
            assertTrue(status.get("llm").get("reason").asText().contains("not a GGUF"), status.toString());
            JsonNode a = RunningDocent.JSON.readTree(server.post("/ask", "{\"question\": \"What did Lily find?\"}").body());
            assertEquals("extractive", a.get("mode").asText());
            assertTrue(a.get("answer").asText().contains("red ball"));
        }
    }
}
