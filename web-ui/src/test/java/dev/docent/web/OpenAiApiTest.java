package dev.docent.web;

import dev.docent.assistant.LlmSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible API (/v1) driven by the official OpenAI Java client against a real
 * Docent on an ephemeral port: model "docent" answers from the documents with citations, the
 * loaded model's own name (the tiny real stories260K GGUF) passes the chat straight through,
 * streaming and not, and refusals arrive in OpenAI's error shape.
 */
class OpenAiApiTest {

    private static Path docs(Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        Files.writeString(docs.resolve("boats.txt"), "The harbour keeps twelve sailing boats. Each boat is painted blue.");
        return docs;
    }

    private static OpenAIClient client(RunningDocent server) {
        return OpenAIOkHttpClient.builder().baseUrl(server.base() + "/v1").apiKey(server.token()) // DATA/api-token: /v1 takes it as the API key (Bearer)
                .maxRetries(0).timeout(Duration.ofSeconds(50)).build();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model);
    }

    @Test
    void modelDocentAnswersFromTheDocumentsWithCitationsStreamingAndNot(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            OpenAIClient client = client(server);
            try {
                List<String> models = client.models().list().data().stream().map(Model::id).toList();
                assertEquals(List.of("docent"), models, "no language model is loaded: only docent is offered");

                ChatCompletionCreateParams conversation = chat("docent")
                        .addUserMessage("What is in the harbour?")
                        .addAssistantMessage("Boats [1].")
                        .addUserMessage("What did Lily find in the park?").build();
                ChatCompletion c = client.chat().completions().create(conversation);
                String text = c.choices().get(0).message().content().orElseThrow();
                assertTrue(text.contains("red ball"), text);
                assertTrue(text.matches("(?s).*\\[\\d+].*"), "citations as [n] in the text: " + text);
                JsonValue citations = c._additionalProperties().get("citations");
                assertTrue(String.valueOf(citations).contains("lily.txt"), String.valueOf(citations));
                assertEquals("docent", c.model());

                StringBuilder streamed = new StringBuilder();
                List<ChatCompletionChunk> chunks = new ArrayList<>();
                try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(conversation)) {
                    s.stream().forEach(ch -> {
                        chunks.add(ch);
                        ch.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append));
                    });
                }
                assertEquals(text, streamed.toString(), "the same answer, streamed");
                ChatCompletionChunk last = chunks.getLast();
                assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, last.choices().get(0).finishReason().orElseThrow());
                assertTrue(String.valueOf(last._additionalProperties().get("citations")).contains("lily.txt"));
                assertNull(chunks.getFirst()._additionalProperties().get("citations"), "citations come on the last chunk only");

                // The earlier messages were the history: the follow-up search also looked at the
                // earlier question, which the same question on its own does not.
                assertTrue(text.contains("harbour"), text);
                String alone = client.chat().completions().create(chat("docent")
                        .addUserMessage("What did Lily find in the park?").build()).choices().get(0).message().content().orElseThrow();
                assertTrue(alone.contains("red ball") && !alone.contains("harbour"), alone);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void unknownModelsAndBadRequestsGetOpenAiErrors(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            OpenAIClient client = client(server);
            try {
                var e = assertThrows(NotFoundException.class, () -> client.chat().completions()
                        .create(chat("gpt-4o").addUserMessage("hello").build()));
                assertEquals("model_not_found", e.code().orElseThrow());
                assertEquals(404, e.statusCode());
                assertTrue(e.getMessage().contains("no language model is loaded"), e.getMessage());
            } finally {
                client.close();
            }
            // Not through the client: shapes it would hide, and the same Host/Origin checks as /ask.
            var bad = server.post("/v1/chat/completions", "{\"model\": \"docent\", \"messages\": []}");
            assertEquals(400, bad.statusCode());
            JsonNode err = RunningDocent.JSON.readTree(bad.body()).get("error");
            assertEquals("invalid_request_error", err.get("type").asText());
            assertEquals("messages", err.get("param").asText());
            assertTrue(err.has("code"), bad.body());

            var foreign = server.http.send(server.request("/v1/models")
                    .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode());
            assertEquals("permission_error", RunningDocent.JSON.readTree(foreign.body()).get("error").get("type").asText());
            var missing = server.get("/v1/embeddings");
            assertEquals(404, missing.statusCode());
            assertTrue(RunningDocent.JSON.readTree(missing.body()).get("error").has("message"), missing.body());
        }
    }

    @Test
    void theLoadedModelsNamePassesTheChatStraightThrough(@TempDir Path tmp) throws Exception {
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 1024, 1, 0, 0f, 24, 60, 4);
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm))) {
            OpenAIClient client = client(server);
            try {
                List<String> models = client.models().list().data().stream().map(Model::id).toList();
                assertEquals(List.of("docent", "llama"), models);

                ChatCompletion c = client.chat().completions().create(chat("llama")
                        .addSystemMessage("You tell stories.").addUserMessage("Once upon a time").maxCompletionTokens(16).build());
                String text = c.choices().get(0).message().content().orElseThrow();
                assertFalse(text.isBlank());
                assertEquals(16, c.usage().orElseThrow().completionTokens(), "max_completion_tokens is honoured");
                assertEquals(ChatCompletion.Choice.FinishReason.LENGTH, c.choices().get(0).finishReason());
                assertNull(c._additionalProperties().get("citations"), "no retrieval, no citations");

                StringBuilder streamed = new StringBuilder();
                try (var s = client.chat().completions().createStreaming(chat("llama")
                        .addSystemMessage("You tell stories.").addUserMessage("Once upon a time").maxCompletionTokens(16).build())) {
                    s.stream().forEach(ch -> ch.choices().forEach(x -> x.delta().content().ifPresent(streamed::append)));
                }
                assertEquals(text, streamed.toString(), "greedy sampling: the same story, streamed");

                // A client's own default model name goes to the loaded model, which the reply names.
                ChatCompletion other = client.chat().completions().create(chat("gpt-4o-mini")
                        .addSystemMessage("You tell stories.").addUserMessage("Once upon a time").maxCompletionTokens(16).build());
                assertEquals("llama", other.model());
                assertEquals(text, other.choices().get(0).message().content().orElseThrow());
            } finally {
                client.close();
            }
        }
    }
}
