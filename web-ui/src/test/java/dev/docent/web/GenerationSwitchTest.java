package dev.docent.web;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.generation.Generations;
import dev.docent.retriever.Hit;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.StatusReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve with a changed chunk size: /api/status says which generation answers and how far the new
 * one is, searches answer from the old generation until the new one is complete, then from the
 * new one; the read-only opens (ask, mcp) follow the pointer.
 */
class GenerationSwitchTest {

    private static final String QUERY = "harbour lantern copper";

    @Test
    void servingAnswersFromTheOldGenerationUntilTheNewOneIsComplete(@TempDir Path tmp) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(source.resolve("note" + i + ".txt"), ("Report " + i + ". The harbour lantern burns copper oil."
                    + " The ferry leaves at dawn with granite and cobalt. ").repeat(12));
        }
        Set<String> oldChunks;
        String oldGeneration;
        try (var serve = new RunningDocent(source, tmp, c -> chunks(c, 200))) {
            JsonNode s = serve.awaitIndexed(java.time.Duration.ofSeconds(120));
            assertEquals(3, s.get("documents").get("indexed").asInt(), s.toString());
            oldGeneration = s.get("generation").get("active").asText();
            assertTrue(s.get("generation").get("rebuilding").isNull(), s.toString());
            oldChunks = chunkTexts(serve.docent);
        }

        // Reopened with chunks of 30 tokens: the old generation answers until the new one is complete.
        var config = chunks(DocentConfig.defaults().withDataDir(tmp.resolve("data")).withPort(0), 30);
        try (Docent docent = Docent.open(config);
                var app = new AppOnly(docent)) {
            JsonNode s = app.status();
            JsonNode rebuilding = s.get("generation").get("rebuilding");
            assertEquals(oldGeneration, s.get("generation").get("active").asText(), s.toString());
            assertEquals("new chunking", rebuilding.get("reason").asText(), s.toString());
            assertTrue(rebuilding.get("message").asText().startsWith("rebuilding index for new chunking"), s.toString());
            for (JsonNode p : app.search(QUERY)) assertTrue(oldChunks.contains(p.get("text").asText()), p.toString());

            docent.watch(List.of(tmp.resolve("docs"))); // the build runs in the background, as under serve
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!app.status().get("generation").get("rebuilding").isNull() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            s = app.status();
            assertTrue(s.get("generation").get("rebuilding").isNull(), "rebuild did not finish: " + s);
            String newGeneration = s.get("generation").get("active").asText();
            assertNotEquals(oldGeneration, newGeneration);
            List<JsonNode> after = app.search(QUERY);
            assertFalse(after.isEmpty());
            for (JsonNode p : after) assertFalse(oldChunks.contains(p.get("text").asText()), "old chunk after the switch: " + p);
            assertFalse(Files.exists(tmp.resolve("data/catalog.db")), "old generation not deleted");

            // ask and mcp (both Docent.openReadOnly) beside the running writer read the new generation.
            try (Docent ask = Docent.openReadOnly(config)) {
                List<Hit> hits = ask.indexer().search(QUERY, null, 3);
                assertFalse(hits.isEmpty());
                for (Hit h : hits) assertFalse(oldChunks.contains(h.text()));
            }
            try (Docent mcp = Docent.openReadOnly(config)) { // as ./docent mcp opens it
                assertEquals(newGeneration, ((java.util.Map<?, ?>) StatusReport.of(mcp).get("generation")).get("active"));
                assertFalse(mcp.answers().start(Question.of(QUERY, 3)).answer().citations().isEmpty());
            }
            assertEquals(Generations.readPointer(config.dataDir()).orElseThrow().id(), newGeneration);
        }
    }

    private static DocentConfig chunks(DocentConfig c, int tokens) {
        IndexingLimits l = c.indexing().withChunkTokens(tokens);
        return new DocentConfig(c.dataDir(), c.port(), c.topK(), c.embedderThreads(), c.watchSeconds(), c.maxQuestionChars(),
                c.yieldToAnswers(), c.llm(), c.respectGitignore(), l, c.foundThreshold());
    }

    private static Set<String> chunkTexts(Docent docent) {
        Set<String> out = new HashSet<>();
        for (DocumentRecord d : docent.indexer().documents()) {
            for (Hit h : docent.indexer().withIndex(i -> i.chunksOf(d.path()))) out.add(h.text());
        }
        return out;
    }

    /** The HTTP app over a Docent the test opened itself. */
    private static final class AppOnly implements AutoCloseable {
        final io.javalin.Javalin app;
        final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        final String token;

        AppOnly(Docent docent) throws java.io.IOException {
            this.app = dev.docent.web.api.DocentApp.create(docent).start("127.0.0.1", 0);
            this.token = java.nio.file.Files.readString(docent.config().dataDir().resolve(dev.docent.web.api.TokenFile.NAME)).strip();
        }

        JsonNode get(String path) throws Exception {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port() + path))
                    .header("Authorization", "Bearer " + token).build();
            var res = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            return RunningDocent.JSON.readTree(res.body());
        }

        JsonNode status() throws Exception {
            return get("/api/status");
        }

        List<JsonNode> search(String q) throws Exception {
            List<JsonNode> out = new java.util.ArrayList<>();
            get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&top_k=5").get("passages").forEach(out::add);
            return out;
        }

        @Override
        public void close() {
            app.stop();
        }
    }
}
