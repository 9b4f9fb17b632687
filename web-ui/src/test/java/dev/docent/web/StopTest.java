package dev.docent.web;

import dev.docent.assistant.LlmSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop, through the real routes with the real tiny model: every answer names its id first (SSE
 * event and X-Answer-Id), and {@code POST /api/answers/{id}/cancel} ends it while it generates or
 * while it waits behind another; the time from the cancel to the end of generation is printed.
 */
class StopTest {

    /** One SSE event as read by a background reader. */
    record Event(String name, JsonNode data, long atNanos) {}

    /** Reads a streamed /ask on a thread of its own, handing each event over as it arrives. */
    static BlockingQueue<Event> stream(RunningDocent server, String body) throws Exception {
        var res = server.http.send(server.request("/ask")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) name = line.substring(7);
                    if (line.startsWith("data: ")) events.add(new Event(name, RunningDocent.JSON.readTree(line.substring(6)), System.nanoTime()));
                }
            } catch (Exception e) {
                events.add(new Event("failed", null, System.nanoTime()));
            }
        });
        return events;
    }

    static Event next(BlockingQueue<Event> events, String name) throws InterruptedException {
        for (Event e; (e = events.poll(30, TimeUnit.SECONDS)) != null; ) {
            if (e.name().equals(name)) return e;
            if (e.name().equals("done") || e.name().equals("failed")) throw new AssertionError("ended before '" + name + "': " + e);
        }
        throw new AssertionError("no '" + name + "' event within 30 s");
    }

    @Test
    void cancelStopsAGeneratingAnswerAndAWaitingOne(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        // One answer at a time and one waiting; answers long enough to be stopped midway.
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 2048, 1, 0, 0f, 1500, 60, 1);
        try (var server = new RunningDocent(docs, tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            String ask = "{\"question\": \"Tell me a long story about Lily.\", \"top_k\": 1, \"stream\": true}";

            var running = stream(server, ask);
            String runningId = next(running, "answer").data().get("id").asText();
            next(running, "token");
            var waiting = stream(server, ask); // queued behind the running one
            String waitingId = next(waiting, "answer").data().get("id").asText();

            long t0 = System.nanoTime();
            var cancelled = server.post("/api/answers/" + waitingId + "/cancel", "");
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            assertTrue(cancelled.body().contains("\"cancelled\":true"), cancelled.body());
            JsonNode waitingDone = next(waiting, "done").data();
            long waitingMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitingDone.get("notes").toString().contains("cancelled"), waitingDone.toString());
            assertEquals(0, waitingDone.get("timings").get("generated_tokens").asInt(), waitingDone.toString());

            long t1 = System.nanoTime();
            assertEquals(200, server.post("/api/answers/" + runningId + "/cancel", "").statusCode());
            Event runningEnd = next(running, "done");
            JsonNode runningDone = runningEnd.data();
            long clientMs = (runningEnd.atNanos() - t1) / 1_000_000;
            int stoppedAt = runningDone.get("timings").get("generated_tokens").asInt();
            assertTrue(runningDone.get("notes").toString().contains("the answer was cancelled"), runningDone.toString());
            assertTrue(stoppedAt < 1500, "stopped at " + stoppedAt + " tokens"); // uncancelled, it runs to the 1500 limit
            double serverMs = runningDone.get("timings").get("cancel_to_end_ms").asDouble();
            System.out.printf("Stop: the waiting answer ended %d ms after its cancel (HTTP round trip included);"
                    + " the generating one (%s tokens/s) stopped at token %d, %.1f ms from cancel to end of generation"
                    + " (server), %d ms from cancel sent to its done event (client)%n", waitingMs,
                    runningDone.get("timings").get("tokens_per_second"), stoppedAt, serverMs, clientMs);
            assertTrue(serverMs < 1000 && clientMs < 2000, serverMs + " / " + clientMs + " ms");

            // Finished answers cannot be cancelled any more; the server answers normally afterwards.
            assertEquals(404, server.post("/api/answers/" + runningId + "/cancel", "").statusCode());
            assertEquals(200, server.post("/ask", "{\"question\": \"What did Lily find?\"}").statusCode());
        }
    }
}
