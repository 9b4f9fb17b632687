package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored conversations through the real routes, in the real conversations.db, across a restart. */
class ConversationsTest {

    private static HttpResponse<String> send(RunningDocent s, String method, String path, String body) throws Exception {
        var b = s.request(path);
        if (body != null) b.header("Content-Type", "application/json");
        return s.http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> res, int status) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        return RunningDocent.JSON.readTree(res.body());
    }

    @Test
    void aConversationIsKeptResumedRenamedAndDeleted(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("greenhouse.txt"), "The greenhouse heaters switch on below 4 degrees.\n\n"
                + "The irrigation pump in the greenhouse is serviced every April.");
        Files.writeString(docs.resolve("cafeteria.txt"), "The cafeteria serves soup on Wednesdays.");
        Path data = tmp.resolve("first/data");
        String id;
        try (var server = new RunningDocent(docs, tmp.resolve("first"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            JsonNode created = json(send(server, "POST", "/api/conversations", null), 201);
            id = created.get("id").asText();
            assertEquals("", created.get("title").asText());
            assertEquals(0, created.get("messages").asInt());

            var first = server.post("/ask", "{\"question\": \"Which pump waters the greenhouse?\", \"top_k\": 1, \"conversation_id\": \"" + id + "\"}");
            JsonNode a1 = json(first, 200);
            // The follow-up carries no history: the server has it.
            JsonNode a2 = json(server.post("/ask", "{\"question\": \"When is it serviced?\", \"top_k\": 1, \"conversation_id\": \"" + id + "\"}"), 200);
            assertTrue(a2.get("answer").asText().contains("every April"), a2.toString());

            JsonNode c = json(server.get("/api/conversations/" + id), 200);
            assertEquals("Which pump waters the greenhouse?", c.get("title").asText(), "the first question names it");
            JsonNode m = c.get("messages");
            assertEquals(4, m.size(), c.toString());
            assertEquals("user", m.get(0).get("role").asText());
            assertEquals("When is it serviced?", m.get(2).get("content").asText());
            assertEquals(a1.get("answer").asText(), m.get(1).get("content").asText());
            assertEquals(first.headers().firstValue("X-Answer-Id").orElse(null), m.get(1).get("answer_id").asText());
            assertEquals("extractive", m.get(3).get("mode").asText());
            assertTrue(m.get(3).get("citations").get(0).get("path").asText().endsWith("greenhouse.txt"), c.toString());

            json(send(server, "POST", "/api/conversations", "{\"title\": \"Cafeteria\"}"), 201);
            JsonNode list = json(server.get("/api/conversations"), 200);
            assertEquals(2, list.size());
            assertEquals("Cafeteria", list.get(0).get("title").asText(), "most recently changed first");

            // Bad requests
            assertEquals(400, send(server, "PATCH", "/api/conversations/" + id, "{\"title\": \"  \"}").statusCode());
            assertEquals(400, send(server, "PATCH", "/api/conversations/" + id, "{\"title\": \"" + "x".repeat(201) + "\"}").statusCode());
            assertEquals(400, send(server, "PATCH", "/api/conversations/" + id, "{}").statusCode());
            assertEquals(400, server.post("/ask", "{\"question\": \"q\", \"conversation_id\": 5}").statusCode());
            var both = server.post("/ask", "{\"question\": \"q\", \"conversation_id\": \"" + id
                    + "\", \"history\": [{\"role\": \"user\", \"content\": \"x\"}]}");
            assertEquals(400, both.statusCode());
            assertTrue(both.body().contains("not both"), both.body());
            JsonNode unknown = json(server.post("/ask", "{\"question\": \"q\", \"conversation_id\": \"0123456789abcdef01234567\"}"), 404);
            assertTrue(unknown.get("error").asText().contains("no conversation has the id"), unknown.toString());
            assertEquals(404, server.get("/api/conversations/..%2F..%2Fdata%2Fconversations.db").statusCode());
            assertEquals(404, server.get("/api/conversations/" + id.toUpperCase()).statusCode());
        }
        // Resumed after a restart on the same data directory.
        try (var server = new RunningDocent(docs, tmp.resolve("second"), cfg -> cfg.withDataDir(data))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            assertEquals(2, json(server.get("/api/conversations"), 200).size());
            JsonNode a3 = json(server.post("/ask", "{\"question\": \"And the heaters?\", \"top_k\": 1, \"conversation_id\": \"" + id + "\"}"), 200);
            assertTrue(a3.get("answer").asText().contains("4 degrees"), a3.toString());
            JsonNode renamed = json(send(server, "PATCH", "/api/conversations/" + id, "{\"title\": \"Greenhouse care\"}"), 200);
            assertEquals("Greenhouse care", renamed.get("title").asText());
            assertEquals(6, renamed.get("messages").asInt());

            assertEquals(200, send(server, "DELETE", "/api/conversations/" + id, null).statusCode());
            assertEquals(404, server.get("/api/conversations/" + id).statusCode());
            assertEquals(404, send(server, "DELETE", "/api/conversations/" + id, null).statusCode());
            assertEquals(1, json(server.get("/api/conversations"), 200).size());
        }
        assertTrue(Files.isRegularFile(data.resolve("conversations.db")));
    }
}
