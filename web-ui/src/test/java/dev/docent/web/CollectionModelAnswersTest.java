package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.assistant.GeneratorFactory;
import dev.docent.assistant.LlmSettings;
import dev.docent.llm.factory.Generators;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collection answers and document summaries with a real model: llama.cpp in process with the tiny
 * stories260K (its words are nonsense, so this checks the mechanics: calls counted at the
 * generator's boundary by {@link CountingGenerator}, progress streamed in order, survivors a subset
 * of the candidates, the summary cache hit and its miss after an edit), and without a model, the
 * extractive list and outline. {@link RemoteCollectionModelTest} does the same through the remote
 * generator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CollectionModelAnswersTest {

    static final String MENTION = "Which documents mention Northwind Batteries?";
    static final String SUMMARISE = "Summarise handbook.md";
    /** No model loaded at start: answers tokens, context and timeouts for the model the tests put in. */
    static final LlmSettings LLM = new LlmSettings(null, 512, 1, 0, 0f, 24, 60, 4);

    @TempDir
    static Path tmp;
    private RunningDocent server;
    private CountingGenerator model;

    @BeforeAll
    void start() throws Exception {
        server = new RunningDocent(corpus(tmp.resolve("src")), tmp, c -> c.withLlm(LLM));
        server.awaitIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Four documents that mention Northwind Batteries, two that do not, and a long handbook. */
    static Path corpus(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("northwind-invoice.md"), "# Invoice 2291\n\nNorthwind Batteries invoiced 40 lithium"
                + " battery packs for the forklift fleet, due in 30 days.\n");
        Files.writeString(dir.resolve("northwind-incident.md"), "# Incident report\n\nA battery pack from Northwind Batteries"
                + " overheated while charging in bay 3. Nobody was hurt; the charger was replaced.\n");
        Files.writeString(dir.resolve("northwind-minutes.md"), "# Purchasing meeting\n\nThe team agreed to ask Northwind"
                + " Batteries for a second quote before renewing the supply contract.\n");
        Files.writeString(dir.resolve("northwind-quote.md"), "# Quote\n\nNorthwind Batteries offers replacement cells at"
                + " 12 percent below last year's price, delivered within two weeks.\n");
        Files.writeString(dir.resolve("cafeteria.md"), "# Cafeteria menu\n\nMonday: lentil soup. Tuesday: grilled fish.\n");
        Files.writeString(dir.resolve("parking.md"), "# Parking\n\nVisitors park in the north lot; staff use the garage.\n");
        StringBuilder handbook = new StringBuilder("# Employee handbook\n\n");
        String[] topics = {"Working hours", "Annual leave", "Sick leave", "Expenses", "Remote work", "Equipment",
                "Security", "Training"};
        for (String t : topics) {
            handbook.append("## ").append(t).append("\n\n");
            for (int i = 0; i < 6; i++) {
                handbook.append("The rules on ").append(t.toLowerCase()).append(" apply to every employee from the first day;"
                        + " managers approve exceptions in writing and keep a record of them for two years. ");
            }
            handbook.append("\n\n");
        }
        Files.writeString(dir.resolve("handbook.md"), handbook);
        return dir;
    }

    private CountingGenerator loadModel() {
        CountingGenerator g = new CountingGenerator(Generators.llama(GeneratorFactory.llamaOptions(
                LLM.withModel(RunningDocent.storiesModel()))));
        server.docent.model().replace(g);
        return g;
    }

    private void unloadModel() throws Exception {
        server.docent.model().replace(null);
        server.docent.model().awaitClosed(10_000);
    }

    static SseEvents stream(RunningDocent server, String question) throws Exception {
        var res = server.post("/ask", "{\"question\": " + RunningDocent.JSON.writeValueAsString(question) + ", \"stream\": true}");
        assertEquals(200, res.statusCode(), res.body());
        return SseEvents.parse(res.body());
    }

    static JsonNode ask(RunningDocent server, String question) throws Exception {
        var res = server.post("/ask", "{\"question\": " + RunningDocent.JSON.writeValueAsString(question) + "}");
        assertEquals(200, res.statusCode(), res.body());
        return RunningDocent.JSON.readTree(res.body());
    }

    static Set<String> paths(JsonNode documents) {
        Set<String> out = new HashSet<>();
        for (JsonNode d : documents) out.add(d.get("path").asText());
        return out;
    }

    @Test
    void withoutAModelTheListAndTheOutlineAreTheAnswerWithNoProgressAndNoCheck() throws Exception {
        unloadModel();
        JsonNode a = ask(server, MENTION);
        assertEquals("collection", a.get("scope").asText(), a.toString());
        assertEquals("extractive", a.get("mode").asText());
        assertFalse(a.has("checked"), a.toString());
        assertTrue(a.get("documents").size() >= 4, a.toString());
        SseEvents s = stream(server, MENTION);
        assertEquals(-1, s.indexOf("progress"), "no progress without a model: " + s);
        JsonNode outline = ask(server, SUMMARISE);
        assertEquals("document", outline.get("scope").asText());
        assertTrue(outline.get("answer").asText().startsWith("Outline of handbook.md"), outline.toString());
    }

    @Test
    void theModelChecksEveryCandidateOnceAndComposesFromTheSurvivorsStreamingProgressInOrder() throws Exception {
        unloadModel();
        Set<String> candidates = paths(ask(server, MENTION).get("documents"));
        model = loadModel();
        SseEvents s = stream(server, MENTION);
        List<JsonNode> checks = s.named("progress").stream().filter(p -> p.get("stage").asText().equals("check")).toList();
        int n = candidates.size();
        // one report before each candidate ("checking i of n documents…"), then the outcome
        assertEquals(n + 1, checks.size(), s.toString());
        for (int i = 0; i < n; i++) {
            assertEquals(i, checks.get(i).get("done").asInt(), s.toString());
            assertEquals(n, checks.get(i).get("total").asInt());
            assertEquals("checking " + (i + 1) + " of " + n + " documents\u2026", checks.get(i).get("message").asText());
        }
        assertTrue(s.lastIndexOf("progress") > 0 && s.indexOf("token") > s.indexOf("progress"), "checks come first: " + s);
        JsonNode docs = s.first("documents");
        JsonNode checked = docs.get("checked");
        assertEquals(n, checked.get("candidates").asInt(), docs.toString());
        assertEquals(n, checked.get("checked").asInt(), docs.toString());
        assertEquals(checked.get("kept").asInt() + checked.get("dropped").size(), n, docs.toString());
        Set<String> survivors = paths(docs.get("documents"));
        assertTrue(candidates.containsAll(survivors), survivors + " not within " + candidates);
        assertEquals(checked.get("kept").asInt(), survivors.size());
        assertEquals(survivors.size(), docs.get("coverage").get("matched").asInt());
        for (JsonNode d : checked.get("dropped")) assertFalse(survivors.contains(d.get("path").asText()), d.toString());
        // n yes/no questions, then one composition from the survivors
        assertEquals(n + 1, model.calls(), s.toString());
        JsonNode done = s.first("done");
        assertEquals("generative", done.get("mode").asText(), done.toString());
        assertEquals("collection", done.get("scope").asText());
        assertTrue(done.get("answer").asText().startsWith(survivors.size() + " "), "the count first: " + done);
        assertTrue(done.get("notes").toString().contains("checked " + n + " of " + n), done.toString());
    }

    @Test
    void aCancelStopsTheCheckAndKeepsTheUncheckedCandidates() throws Exception {
        model = loadModel();
        model.pauseBeforeEachCall(400); // room to cancel between two checks
        var request = server.request("/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + MENTION + "\", \"stream\": true}")).build();
        var res = server.http.send(request, HttpResponse.BodyHandlers.ofLines());
        String id = res.headers().firstValue("X-Answer-Id").orElseThrow();
        StringBuilder body = new StringBuilder();
        boolean cancelled = false;
        for (var it = res.body().iterator(); it.hasNext(); ) {
            String line = it.next();
            body.append(line).append('\n');
            if (!cancelled && line.startsWith("event: progress")) {
                assertEquals(200, server.post("/api/answers/" + id + "/cancel", "").statusCode());
                cancelled = true;
            }
        }
        SseEvents s = SseEvents.parse(body.toString());
        JsonNode checked = s.first("documents").get("checked");
        assertTrue(checked.get("unchecked").asInt() >= 1, checked.toString());
        assertTrue(model.calls() <= 2, "stopped after at most the call under way and one more: " + model.calls());
        assertEquals(checked.get("candidates").asInt(), checked.get("kept").asInt() + checked.get("dropped").size());
        assertTrue(s.first("done").get("notes").toString().contains("the answer was cancelled"), s.toString());
        model.pauseBeforeEachCall(0);
    }

    @Test
    void aSummaryIsMapReducedOnceThenReadFromTheCacheUntilTheDocumentChanges() throws Exception {
        model = loadModel();
        SseEvents first = stream(server, SUMMARISE);
        JsonNode done = first.first("done");
        assertEquals("document", done.get("scope").asText(), done.toString());
        assertEquals("generative", done.get("mode").asText(), done.toString());
        int parts = done.get("timings").get("summary_parts").asInt();
        assertTrue(parts >= 2, "the handbook does not fit one part of a 512-token context: " + done);
        List<JsonNode> summarising = first.named("progress").stream().filter(p -> p.get("stage").asText().equals("summarise")).toList();
        assertEquals(parts, summarising.size(), first.toString());
        for (int i = 0; i < parts; i++) {
            assertEquals(i, summarising.get(i).get("done").asInt());
            assertEquals(parts, summarising.get(i).get("total").asInt());
        }
        assertEquals(parts + 1, model.calls(), "one call per part, one to reduce: " + done);
        assertEquals(parts, first.named("citations").getFirst().size(), "one citation per part");
        Path cache = server.docent.config().dataDir().resolve("cache/summaries");
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count());
        }

        JsonNode again = ask(server, SUMMARISE);
        assertEquals(parts + 1, model.calls(), "a cache hit calls no model");
        assertEquals(1, again.get("timings").get("summary_cached").asInt(), again.toString());
        assertEquals(done.get("answer").asText(), again.get("answer").asText());
        assertEquals(parts, again.get("citations").size());

        // An edit: another content hash, so the summary is written anew.
        Path file = server.folder.resolve("handbook.md");
        int chunksBefore = chunks("handbook.md");
        Files.writeString(file, Files.readString(file) + "\n## Parking\n\n" + "Staff park in the garage. ".repeat(60));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (chunks("handbook.md") == chunksBefore && System.nanoTime() < deadline) Thread.sleep(300);
        assertNotEquals(chunksBefore, chunks("handbook.md"), "the edit was not indexed");
        int before = model.calls();
        JsonNode edited = ask(server, SUMMARISE);
        assertNull(edited.get("timings").get("summary_cached"), edited.toString());
        assertTrue(model.calls() > before, "an edited document is summarised again");
    }

    /** The number of chunks the catalog holds for {@code name}. */
    private int chunks(String name) throws Exception {
        JsonNode list = RunningDocent.JSON.readTree(server.get("/api/documents?q=" + name).body());
        for (JsonNode d : list) {
            if (d.get("path").asText().endsWith("/" + name)) return d.get("chunks").asInt();
        }
        return -1;
    }
}
