package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.assistant.GeneratorFactory;
import dev.docent.assistant.LlmSettings;
import dev.docent.llm.factory.Generators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "What is in the contracts folder?" with a real model (llama.cpp, stories260K: nonsense words, so
 * this checks the mechanics): every document of the folder is described by the model on its own
 * (map, one call each, progress before each), the answer is composed from those descriptions
 * (reduce: the composing prompt holds them), and a second ask reads the descriptions from the
 * cache by content hash, so only the composition calls the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FolderSummaryModelTest {

    static final String QUESTION = "What is in the contracts folder?";
    static final LlmSettings LLM = CollectionModelAnswersTest.LLM;

    @TempDir
    static Path tmp;
    private RunningDocent server;

    @BeforeAll
    void start() throws Exception {
        Path src = tmp.resolve("src");
        Path contracts = Files.createDirectories(src.resolve("contracts"));
        Files.writeString(contracts.resolve("cleaning.md"), "# Cleaning contract\n\nBrightway cleans the offices every"
                + " weekday evening for 2,400 euros a month; either side may end it with three months' notice.\n");
        Files.writeString(contracts.resolve("lease.md"), "# Office lease\n\nThe lease of the second floor runs until"
                + " March 2029 at 18,000 euros a year, with a break clause in 2027.\n");
        Files.writeString(contracts.resolve("support.md"), "# Software support agreement\n\nOrbit Systems answers"
                + " support requests within four working hours and fixes critical faults within two days.\n");
        Files.createDirectories(src.resolve("notes"));
        Files.writeString(src.resolve("notes/cafeteria.md"), "# Cafeteria menu\n\nMonday: lentil soup.\n");
        server = new RunningDocent(src, tmp, c -> c.withLlm(LLM));
        server.awaitIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void eachDocumentOfTheFolderIsDescribedOnceThenComposedAndTheDescriptionsAreCached() throws Exception {
        var model = new CountingGenerator(Generators.llama(GeneratorFactory.llamaOptions(LLM.withModel(RunningDocent.storiesModel()))));
        server.docent.model().replace(model);

        SseEvents s = CollectionModelAnswersTest.stream(server, QUESTION);
        JsonNode done = s.first("done");
        assertEquals("collection", done.get("scope").asText(), done.toString());
        assertEquals("generative", done.get("mode").asText(), done.toString());
        assertEquals(3, s.first("documents").get("documents").size(), s.toString());
        List<JsonNode> summarising = s.named("progress").stream().filter(p -> p.get("stage").asText().equals("summarise")).toList();
        assertEquals(3, summarising.size(), "one report before each document: " + s);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, summarising.get(i).get("done").asInt());
            assertEquals(3, summarising.get(i).get("total").asInt());
        }
        assertTrue(s.indexOf("progress") < s.indexOf("token"), "the documents are described before the answer streams: " + s);
        assertEquals(4, model.calls(), "one call per document, one to compose: " + done);
        assertEquals(3, done.get("timings").get("briefs_written").asInt(), done.toString());

        // The composition was written from the descriptions the map step cached, as many as fit the
        // 512-token context, given instead of the documents' passages.
        String composePrompt = model.lastRequest().messages().getLast().content();
        List<String> described = cachedTexts(server.docent.config().dataDir().resolve("cache/summaries"));
        assertEquals(3, described.size(), described.toString());
        long given = described.stream().filter(d -> !d.isBlank() && composePrompt.contains(PromptHead.of(d))).count();
        assertTrue(given >= 1, "the composing prompt holds no description: " + composePrompt);
        assertFalse(composePrompt.contains("Brightway cleans"), "document [1] was given by its passage: " + composePrompt);

        JsonNode again = CollectionModelAnswersTest.ask(server, QUESTION);
        assertEquals(5, model.calls(), "a second ask calls the model to compose only: " + again);
        assertEquals(3, again.get("timings").get("briefs_cached").asInt(), again.toString());
        assertEquals(0, again.get("timings").get("briefs_written").asInt(), again.toString());
    }

    /** The first characters of a description, as the prompt may cut a long one. */
    private static final class PromptHead {
        static String of(String text) {
            String t = text.strip();
            return t.length() > 80 ? t.substring(0, 80) : t;
        }
    }

    private static List<String> cachedTexts(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                out.add(RunningDocent.JSON.readTree(f.toFile()).get("text").asText());
            }
        }
        return out;
    }
}
