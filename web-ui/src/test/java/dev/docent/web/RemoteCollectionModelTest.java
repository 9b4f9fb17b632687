package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.assistant.collection.CollectionAnswerer;
import dev.docent.llm.GeneratorContract;
import dev.docent.llm.Sampling;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.remote.RemoteOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collection check and the document summary through the remote generator: one Docent answers,
 * a second one serves the tiny qwen2 over its OpenAI-compatible {@code /v1} (the harness of
 * {@link RemoteGeneratorContractTest}); calls are counted where the remote generator is called.
 * Also {@code ask.collection_check_documents}: with 2, two candidates are checked and the rest kept.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RemoteCollectionModelTest {

    @Test
    void theRemoteModelChecksAtMostTheLimitAndSummariesAreCached(@TempDir Path tmp) throws Exception {
        try (var modelServer = RemoteGeneratorContractTest.modelServer(tmp.resolve("b"), 2048)) {
            var limits = new CollectionAnswerer.ModelLimits(2, 60);
            try (var docent = new RunningDocent(CollectionModelAnswersTest.corpus(tmp.resolve("src")), tmp.resolve("a"),
                    c -> c.withLlm(CollectionModelAnswersTest.LLM).withCollectionModel(limits))) {
                docent.awaitIndexed(Duration.ofMinutes(2));
                Set<String> candidates = CollectionModelAnswersTest.paths(
                        CollectionModelAnswersTest.ask(docent, CollectionModelAnswersTest.MENTION).get("documents"));
                assertTrue(candidates.size() > 2, "more candidates than the limit: " + candidates);
                // Declared smaller than the server's 2048: prompts are budgeted at 3 bytes a token, an estimate.
                var model = new CountingGenerator(Generators.remote(RemoteOptions.defaults(
                        URI.create(modelServer.base() + "/v1"), GeneratorContract.TINY_MODEL_NAME)
                        .withContextSize(512).withSampling(Sampling.GREEDY).withApiKey(modelServer.token())));
                docent.docent.model().replace(model);

                SseEvents s = CollectionModelAnswersTest.stream(docent, CollectionModelAnswersTest.MENTION);
                List<JsonNode> checks = s.named("progress").stream().filter(p -> p.get("stage").asText().equals("check")).toList();
                assertEquals(3, checks.size(), "two checks and the outcome: " + s);
                assertEquals("checking 1 of 2 documents\u2026", checks.get(0).get("message").asText());
                assertEquals("checking 2 of 2 documents\u2026", checks.get(1).get("message").asText());
                JsonNode checked = s.first("documents").get("checked");
                assertEquals(candidates.size(), checked.get("candidates").asInt(), checked.toString());
                assertEquals(2, checked.get("checked").asInt(), checked.toString());
                assertEquals(candidates.size() - 2, checked.get("unchecked").asInt(), checked.toString());
                assertEquals(GeneratorContract.TINY_MODEL_NAME, checked.get("model").asText());
                Set<String> survivors = CollectionModelAnswersTest.paths(s.first("documents").get("documents"));
                assertTrue(candidates.containsAll(survivors), survivors + " not within " + candidates);
                assertTrue(survivors.size() >= candidates.size() - 2, "unchecked candidates are kept: " + survivors);
                assertEquals(3, model.calls(), "two checks and one composition: " + s);
                JsonNode done = s.first("done");
                assertEquals("generative", done.get("mode").asText(), done.toString());
                assertTrue(done.get("notes").toString().contains("at most 2 are checked"), done.toString());

                SseEvents summary = CollectionModelAnswersTest.stream(docent, CollectionModelAnswersTest.SUMMARISE);
                JsonNode first = summary.first("done");
                assertEquals("generative", first.get("mode").asText(), first.toString());
                int parts = first.get("timings").get("summary_parts").asInt();
                long progress = summary.named("progress").stream().filter(p -> p.get("stage").asText().equals("summarise")).count();
                assertEquals(parts, progress, summary.toString());
                assertEquals(3 + parts + (parts > 1 ? 1 : 0), model.calls(), first.toString());
                JsonNode again = CollectionModelAnswersTest.ask(docent, CollectionModelAnswersTest.SUMMARISE);
                assertEquals(1, again.get("timings").get("summary_cached").asInt(), again.toString());
                assertEquals(first.get("answer").asText(), again.get("answer").asText());
                assertEquals(3 + parts + (parts > 1 ? 1 : 0), model.calls(), "the cache hit called no model");
            }
        }
    }
}
