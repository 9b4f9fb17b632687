package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.GeneratorContract;
import dev.docent.llm.Generators;
import dev.docent.llm.remote.RemoteOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docent answering through {@code llm.endpoint}: one Docent asks, a second one (the tiny model on
 * /v1) generates. Also the endpoint Docent refuses to start with, and what a server's own context
 * limit turns into.
 */
class RemoteAnswersTest {

    @Test
    void askIsAnsweredThroughTheRemoteGeneratorAndTheStatusSaysWhere(@TempDir Path tmp) throws Exception {
        try (var modelServer = RemoteGeneratorContractTest.modelServer(tmp.resolve("b"), 2048)) {
            Path docs = Files.createDirectories(tmp.resolve("src"));
            Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
            String endpoint = modelServer.base() + "/v1";
            var remote = new LlmSettings.Endpoint(endpoint, GeneratorContract.TINY_MODEL_NAME, false, 2048);
            try (var docent = new RunningDocent(docs, tmp.resolve("a"),
                    c -> c.withLlm(new LlmSettings(null, 1024, 1, 0, 0f, 24, 60, 4).withEndpoint(remote)))) {
                docent.awaitIndexed(Duration.ofMinutes(2));
                JsonNode status = RunningDocent.JSON.readTree(docent.get("/api/status").body());
                assertEquals("generative", status.get("mode").asText(), status.toString());
                JsonNode generator = status.get("generator");
                assertEquals("remote", generator.get("kind").asText(), status.toString());
                assertEquals(endpoint, generator.get("endpoint").asText());
                assertEquals(GeneratorContract.TINY_MODEL_NAME, generator.get("model").asText());
                assertFalse(status.get("llm").has("path"), "no local model file: " + status);

                var res = docent.post("/ask", "{\"question\": \"What did Lily find?\"}");
                assertEquals(200, res.statusCode(), res.body());
                JsonNode a = RunningDocent.JSON.readTree(res.body());
                assertEquals("generative", a.get("mode").asText(), res.body());
                assertEquals(GeneratorContract.TINY_MODEL_NAME, a.get("model").asText());
                assertFalse(a.get("answer").asText().isBlank(), res.body());
                assertEquals(24, a.get("timings").get("generated_tokens").asInt(), "the server's own count: " + res.body());
                assertTrue(a.get("notes").toString().contains("cut off at 24 tokens"), res.body());

                // Streaming through both: the tokens the second Docent generates arrive as SSE here.
                var streamed = docent.post("/ask", "{\"question\": \"What did Lily find?\", \"stream\": true}");
                assertTrue(streamed.body().contains("event: token"), streamed.body());
                assertTrue(streamed.body().contains("event: done"), streamed.body());
            }
            // The local status for an in-process model says "local".
            JsonNode own = RunningDocent.JSON.readTree(modelServer.get("/api/status").body()).get("generator");
            assertEquals("local", own.get("kind").asText());
            assertTrue(own.get("endpoint").isNull());
        }
    }

    @Test
    void anEndpointOffThisMachineStopsTheStartWithWhatToDo(@TempDir Path tmp) {
        var lan = new LlmSettings.Endpoint("http://192.0.2.7:11434/v1", "qwen2.5:3b", false, 4096);
        DocentConfig config = DocentConfig.defaults().withDataDir(tmp.resolve("data"))
                .withLlm(LlmSettings.defaults().withEndpoint(lan));
        var e = assertThrows(IllegalArgumentException.class, () -> Docent.open(config).close());
        assertTrue(e.getMessage().contains("192.0.2.7") && e.getMessage().contains("llm.allow_remote_endpoint = true"),
                e.getMessage());
        var noModel = new LlmSettings.Endpoint("http://127.0.0.1:11434/v1", null, false, 4096);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> Docent.open(config.withLlm(LlmSettings.defaults().withEndpoint(noModel))).close());
        assertTrue(missing.getMessage().contains("llm.endpoint_model"), missing.getMessage());
    }

    @Test
    void theConfigFileTurnsTheEndpointOn(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("docent.properties"), """
                llm.endpoint = http://127.0.0.1:11434/v1
                llm.endpoint_model = qwen2.5:3b
                llm.endpoint_context = 8192
                """);
        LlmSettings.Endpoint e = DocentConfig.load(file).llm().endpoint();
        assertEquals(new LlmSettings.Endpoint("http://127.0.0.1:11434/v1", "qwen2.5:3b", false, 8192), e);
        assertEquals(null, DocentConfig.load(Files.writeString(tmp.resolve("none.properties"), "llm.endpoint =\n")).llm().endpoint(),
                "empty means off");
        Path shipped = RunningDocent.repoRoot().resolve("config/docent.properties");
        assertEquals(null, DocentConfig.load(shipped).llm().endpoint(), "the shipped config connects nowhere");
    }

    @Test
    void aPromptTooLongForTheServersContextIsAnIllegalArgument(@TempDir Path tmp) throws Exception {
        try (var modelServer = RemoteGeneratorContractTest.modelServer(tmp, 512);
                var g = Generators.remote(RemoteOptions.defaults(URI.create(modelServer.base() + "/v1"),
                        GeneratorContract.TINY_MODEL_NAME).withContextSize(100_000))) {
            // Docent's estimate lets it through (its context is said to be large); the server refuses it.
            var e = assertThrows(IllegalArgumentException.class, () -> g.chat(GenerationRequest.of(
                    List.of(new ChatMessage("user", "word ".repeat(2000))), 8), s -> {}, () -> false));
            assertTrue(e.getMessage().contains("too long") && e.getMessage().contains("llm.endpoint_context"), e.getMessage());
        }
    }
}
