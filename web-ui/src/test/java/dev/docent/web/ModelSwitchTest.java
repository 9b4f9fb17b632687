package dev.docent.web;

import dev.docent.assistant.GeneratorFactory;

import dev.docent.assistant.LlmSettings;
import dev.docent.assistant.ModelNames;
import dev.docent.assistant.ModelSwitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.Generator;
import dev.docent.llm.factory.Generators;
import dev.docent.assistant.answer.ActiveModel;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching the language model while serve runs, with real llama.cpp and the tiny stories260K
 * model under two names: answers hold the model they started with (it is closed only after them),
 * a file that fails to load leaves the previous model in use and says why, and only models from
 * the list can be chosen.
 */
@Timeout(180)
public class ModelSwitchTest {

    /** A models folder with two loadable copies of the tiny model and one cut short. */
    public static Path modelsIn(Path data) throws Exception {
        Path models = Files.createDirectories(data.resolve("models"));
        Files.copy(RunningDocent.storiesModel(), models.resolve("tiny-a.gguf"));
        Files.copy(RunningDocent.storiesModel(), models.resolve("tiny-b.gguf"));
        byte[] all = Files.readAllBytes(RunningDocent.storiesModel());
        Files.write(models.resolve("tiny-broken.gguf"), java.util.Arrays.copyOf(all, all.length / 2)); // header intact, weights cut
        return models;
    }

    private static Path docs(Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        return docs;
    }

    private static LlmSettings llm(Path model, int answerTokens) {
        return new LlmSettings(model, 2048, 1, 0, 0f, answerTokens, 60, 4);
    }

    private static JsonNode json(java.net.http.HttpResponse<String> res) throws Exception {
        return RunningDocent.JSON.readTree(res.body());
    }

    @Test
    void theUiSwitchesModelsABrokenFileKeepsThePreviousOneAndAReplacedModelClosesAfterItsLastAnswer(@TempDir Path tmp)
            throws Exception {
        Path models = modelsIn(tmp.resolve("data"));
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm(models.resolve("tiny-a.gguf"), 16)))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            JsonNode list = json(server.get("/api/models"));
            List<String> names = new java.util.ArrayList<>();
            list.get("models").forEach(m -> names.add(m.get("name").asText()));
            assertTrue(names.containsAll(List.of("tiny-a", "tiny-b", "tiny-broken")), list.toString());
            assertEquals("tiny-a", list.get("active").asText(), list.toString());

            // An answer in progress holds tiny-a (here: a lease taken as an answer takes it).
            ActiveModel.Lease held = server.docent.model().acquire();
            Generator old = held.generator();
            var chosen = server.post("/api/model", "{\"name\": \"tiny-b\"}");
            assertEquals(202, chosen.statusCode(), chosen.body());
            assertEquals("tiny-b", json(chosen).get("loading").asText(), chosen.body());
            assertTrue(server.docent.models().awaitLoaded(30_000));
            assertEquals("tiny-b", json(server.get("/api/models")).get("active").asText());
            JsonNode status = json(server.get("/api/status"));
            assertTrue(status.get("llm").get("path").asText().endsWith("tiny-b.gguf"), status.toString());
            // The old model is still open for its answer: its context and vocabulary still work.
            assertTrue(old.countTokens("Once upon a time") > 0);
            assertFalse(server.docent.model().nothingToClose(), "tiny-a was closed under its answer");
            held.close();
            server.docent.model().awaitClosed(30_000);
            assertTrue(server.docent.model().nothingToClose(), "tiny-a was not closed after its last answer");

            JsonNode answer = json(server.post("/ask", "{\"question\": \"What did Lily find?\"}"));
            assertEquals("generative", answer.get("mode").asText(), answer.toString());

            // A file llama.cpp cannot load: the reason is reported, tiny-b stays.
            assertEquals(202, server.post("/api/model", "{\"name\": \"tiny-broken\"}").statusCode());
            assertTrue(server.docent.models().awaitLoaded(30_000));
            JsonNode failed = json(server.get("/api/models"));
            assertEquals("tiny-b", failed.get("active").asText(), failed.toString());
            assertEquals("tiny-broken", failed.get("error").get("model").asText(), failed.toString());
            assertFalse(failed.get("error").get("reason").asText().isBlank(), failed.toString());
            assertEquals("tiny-broken", json(server.get("/api/status")).get("llm").get("switch_error").get("model").asText());
            assertEquals("generative", json(server.post("/ask", "{\"question\": \"What did Lily find?\"}")).get("mode").asText());

            // Only names from the list; a path is not a name.
            var unknown = server.post("/api/model", "{\"name\": \"" + models.resolve("tiny-a.gguf") + "\"}");
            assertEquals(400, unknown.statusCode(), unknown.body());
            assertTrue(json(unknown).get("error").asText().contains("no model named"), unknown.body());
            var ambiguous = server.post("/api/model", "{\"name\": \"tiny\"}");
            assertEquals(400, ambiguous.statusCode());
            assertTrue(json(ambiguous).get("error").asText().contains("matches 3 models"), ambiguous.body());
            assertEquals(400, server.post("/api/model", "{\"model\": \"tiny-a\"}").statusCode());
            // The same gate as every route: a web page elsewhere cannot switch the model.
            var foreign = server.http.send(server.request("/api/model")
                    .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": null}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), foreign.body());
            assertEquals("tiny-b", json(server.get("/api/models")).get("active").asText());

            // No model: extractive answers at once.
            var none = server.post("/api/model", "{\"name\": null}");
            assertEquals(200, none.statusCode(), none.body());
            assertTrue(json(none).get("active").isNull(), none.body());
            assertEquals("extractive", json(server.post("/ask", "{\"question\": \"What did Lily find?\"}")).get("mode").asText());
        }
    }

    @Test
    void anAnswerGeneratingWhileTheModelSwitchesFinishesOnItsOwnModel(@TempDir Path tmp) throws Exception {
        Path models = modelsIn(tmp.resolve("data"));
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withLlm(llm(models.resolve("tiny-a.gguf"), 400)))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            var job = server.docent.answers().start(Question.of("What did Lily find?", 3));
            String first = "";
            while (first != null && first.isEmpty()) first = job.nextText(5000); // generating now
            server.docent.models().choose("tiny-b");
            Answer a = job.answer();
            assertEquals("generative", a.mode(), a.toString());
            assertTrue(a.timings().get("generated_tokens").intValue() > 0, a.toString());
            assertFalse(a.notes().toString().contains("cancelled"), a.notes().toString());
            assertTrue(server.docent.models().awaitLoaded(30_000));
            server.docent.model().awaitClosed(30_000);
            assertTrue(server.docent.model().nothingToClose());
            Answer next = server.docent.answers().start(Question.of("What did Lily find?", 3)).answer();
            assertEquals("generative", next.mode());
            assertTrue(server.docent.models().state().activePath().endsWith("tiny-b.gguf"));
        }
    }

    @Test
    void aLoadThatFailsWithAnErrorEndsFailedWithItsReasonAndThePreviousModelKeepsAnswering(@TempDir Path tmp) throws Exception {
        Path models = modelsIn(tmp.resolve("data"));
        LlmSettings settings = llm(models.resolve("tiny-a.gguf"), 8);
        ActiveModel active = ActiveModel.of(Generators.llama(GeneratorFactory.llamaOptions(settings)));
        var switcher = new ModelSwitch(active, file -> {
            throw new UnsatisfiedLinkError("libggml-cpu.so: cannot open shared object file");
        }, () -> ModelNames.found(tmp.resolve("data")), models.resolve("tiny-a.gguf"));
        try (active; switcher) {
            Generator before = active.current();
            switcher.choose("tiny-b");
            assertTrue(switcher.awaitLoaded(30_000), "the switch stayed 'loading' after an Error");
            ModelSwitch.State state = switcher.state();
            assertEquals("tiny-b", state.failedModel(), state.toString());
            assertTrue(state.failure().contains("cannot open shared object file"), state.toString());
            assertTrue(before == active.current() && !active.suspended(), "the previous model answers again");
            try (ActiveModel.Lease lease = active.acquire()) {
                assertTrue(lease.generator().countTokens("Once upon a time") > 0);
            }
        }
    }

    @Test
    void whileAModelLoadsAnswersAreExtractiveAndTheOldModelIsKeptUntilTheNewOneIsReady(@TempDir Path tmp) throws Exception {
        Path models = modelsIn(tmp.resolve("data"));
        LlmSettings settings = llm(models.resolve("tiny-a.gguf"), 8);
        ActiveModel active = ActiveModel.of(Generators.llama(GeneratorFactory.llamaOptions(settings)));
        CountDownLatch release = new CountDownLatch(1);
        var models2 = new ModelSwitch(active, file -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Generators.llama(GeneratorFactory.llamaOptions(settings.withModel(file)));
        }, () -> ModelNames.found(tmp.resolve("data")), models.resolve("tiny-a.gguf"));
        try (active; models2) {
            Generator before = active.current();
            models2.choose("tiny-b");
            try (ActiveModel.Lease during = active.acquire()) {
                assertNull(during.generator(), "an answer during the load used a model");
            }
            assertEquals("tiny-b", models2.state().loading());
            assertTrue(before == active.current(), "the old model was dropped before the new one was ready");
            release.countDown();
            assertTrue(models2.awaitLoaded(30_000));
            try (ActiveModel.Lease after = active.acquire()) {
                assertTrue(after.generator() != null && after.generator() != before);
            }
            assertTrue(models2.state().activePath().endsWith("tiny-b.gguf"));
        }
    }
}
