package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.web.RunningDocent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while {@code serve} is busy (what a service manager sends on stop or upgrade): six
 * clients keep asking (JSON and streamed {@code /ask}, {@code /api/search}, {@code
 * /v1/chat/completions}, the MCP {@code ask} tool over {@code /mcp}) with the tiny llama model
 * answering, and the process is signalled
 * mid-load. Before the drain, the web server stopped and Docent closed the embedder and the model
 * under requests still running: they got 500 "the embedding model … is closed" (or a cut
 * connection) and the log printed their stack traces.
 *
 * <p>What it asserts: every request that got an HTTP response got 200, or 503 with a JSON error
 * once the drain had begun (never 500); every streamed answer that got 200 ran to its {@code done}
 * event; the requests in flight when the signal arrived were answered; the output holds no stack
 * trace and no exception, and no request was abandoned; the process exits as signalled (128 + 15)
 * within the grace period ({@code server.shutdown_grace_seconds}, set long enough that a loaded
 * machine cannot make an answer outlast it: abandonment is {@code ShutdownDrainTest}'s).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeDrainTest {

    private static final int CLIENTS = 6;
    private static final int GRACE_SECONDS = 40;

    /** One request's fate: the HTTP status (or -1 and the I/O error), and when it started and ended. */
    record Outcome(String kind, long startedAt, long endedAt, int status, String body) {}

    @Test
    void sigtermUnderLoadAnswersTheRequestsInFlightAndExitsWithoutAStackTrace(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(docs.resolve("note-" + i + ".txt"), "Greenhouse note " + i + ". The tomatoes in bed " + i
                    + " are watered every morning at " + (5 + i % 4) + " o'clock, and the basil is cut on day " + i
                    + " of the month. The compost heap is turned whenever the weather is dry.\n");
        }
        String data = tmp.resolve("data").toString();
        // Every /ask may wait for the one llama context: no 503 "busy" muddles the 503s of the drain.
        Path config = tmp.resolve("docent.properties");
        // A grace period no answer here needs, even on a loaded machine: none may be abandoned.
        Files.writeString(config, "llm.max_waiting = 64\nllm.max_answer_tokens = 48\nserver.shutdown_grace_seconds = " + GRACE_SECONDS + "\n");
        List<String> jvm = List.of("-Ddocent.config=" + config);
        try (ChildDocent index = ChildDocent.start(List.of(), Map.of(), jvm, List.of("index", "--data", data, docs.toString()))) {
            assertTrue(index.process.waitFor(120, TimeUnit.SECONDS), "index did not finish");
            assertEquals(0, index.process.exitValue(), index.output());
        }

        try (ChildDocent serve = ChildDocent.start(List.of(), Map.of(), jvm, List.of("serve", "--port", "0", "--data", data,
                "--model", RunningDocent.storiesModel().toString(), docs.toString()))) {
            String base = "http://127.0.0.1:" + serve.awaitPort(Duration.ofSeconds(90));
            String auth = "Bearer " + Files.readString(Path.of(data, "api-token")).strip();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            awaitSearchable(http, base, auth, serve);

            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    String[] mcpSession = {null}; // this client's MCP session, opened at its first MCP call
                    for (int i = 0; !stop.get(); i++) {
                        int kind = (client + i) % 5;
                        Outcome o = kind == 4 ? mcpAsk(http, base, auth, mcpSession, i) : send(http, base, auth, kind, i);
                        outcomes.add(o);
                        // As a client that reads Retry-After would, at a smaller scale: no spinning on refusals.
                        if (o.status() != 200) pause(200);
                    }
                }));
            }
            long loadUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outcomes.stream().filter(o -> o.status() == 200).count() < 24 && System.nanoTime() < loadUntil) {
                Thread.sleep(50);
            }
            long signalledAt = System.nanoTime();
            int exit = serve.terminate(Duration.ofSeconds(GRACE_SECONDS + 20));
            double exitSeconds = (System.nanoTime() - signalledAt) / 1e9;
            stop.set(true);
            for (Thread t : clients) t.join(Duration.ofSeconds(30));

            String output = serve.output();
            List<Outcome> all = List.copyOf(outcomes);
            List<Outcome> inFlight = all.stream().filter(o -> o.startedAt() < signalledAt && o.endedAt() > signalledAt).toList();
            System.out.printf("drain: %d requests, %d in flight at SIGTERM (%d answered 200), %d refused with 503,"
                    + " %d without a response; exit %d after %.1f s%n", all.size(), inFlight.size(),
                    inFlight.stream().filter(o -> o.status() == 200).count(),
                    all.stream().filter(o -> o.status() == 503).count(), all.stream().filter(o -> o.status() == -1).count(),
                    exit, exitSeconds);

            List<Outcome> wrong = all.stream().filter(o -> o.status() != 200 && o.status() != 503 && o.status() != -1).toList();
            assertEquals(List.of(), wrong, "answered neither 200 nor the drain's 503\n" + output);
            for (Outcome o : all) {
                if (o.status() == 503) {
                    assertTrue(o.startedAt() > signalledAt - Duration.ofSeconds(1).toNanos(), "a 503 before the signal: " + o);
                    assertTrue(o.body().contains("\"error\"") && o.body().contains("shutting down"), o.toString());
                }
                if (o.status() == 200 && o.kind().equals("ask-stream")) {
                    assertTrue(o.body().contains("event: done"), "a streamed answer was cut short: " + o);
                }
                if (o.status() == 200 && o.kind().equals("mcp")) { // a tool's failure is a 200 with isError
                    assertTrue(o.body().contains("\"result\"") && !o.body().contains("\"isError\":true"), o.toString());
                }
            }
            assertTrue(inFlight.stream().anyMatch(o -> o.status() == 200),
                    "no request in flight at SIGTERM was answered: " + inFlight + "\n" + output);
            assertTrue(inFlight.stream().noneMatch(o -> o.status() == -1 && o.startedAt() < signalledAt - 200_000_000L),
                    "a request running at SIGTERM lost its connection: " + inFlight + "\n" + output);
            assertEquals(128 + 15, exit, output);
            assertTrue(exitSeconds < GRACE_SECONDS, "took " + exitSeconds + " s to exit");
            assertTrue(!output.contains("abandoned"), output);
            List<String> traces = output.lines()
                    .filter(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains("ERROR")).toList();
            assertEquals(List.of(), traces, output);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String MCP_INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"drain\",\"version\":\"1\"}}}";

    /** The MCP {@code ask} tool over {@code /mcp}, opening the client's session first if it has none. */
    private static Outcome mcpAsk(HttpClient http, String base, String auth, String[] session, int i) {
        if (session[0] == null) {
            Outcome init = mcpPost(http, base, auth, null, MCP_INIT, "mcp-init");
            if (init.status() != 200) return init;
            session[0] = init.body().substring(0, init.body().indexOf('\n'));
            mcpPost(http, base, auth, session[0], "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "mcp-init");
        }
        String call = "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 2) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                + "\"arguments\":{\"question\":\"When are the tomatoes in bed " + (i % 30) + " watered?\"}}}";
        return mcpPost(http, base, auth, session[0], call, "mcp");
    }

    /** One POST to /mcp; an initialize's outcome body starts with the session id and a newline. */
    private static Outcome mcpPost(HttpClient http, String base, String auth, String session, String body, String kind) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/mcp")).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) req.header("Mcp-Session-Id", session);
        long started = System.nanoTime();
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            String id = res.headers().firstValue("Mcp-Session-Id").orElse("");
            return new Outcome(kind, started, System.nanoTime(), res.statusCode(), session == null ? id + "\n" + res.body() : res.body());
        } catch (IOException e) {
            return new Outcome(kind, started, System.nanoTime(), -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(kind, started, System.nanoTime(), -1, e.toString());
        }
    }

    /** Waits until the embedder has loaded (it loads in the background at start) and a search answers. */
    private static void awaitSearchable(HttpClient http, String base, String auth, ChildDocent serve) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (send(http, base, auth, 2, 0).status() != 200) {
            if (System.nanoTime() > end || !serve.process.isAlive()) throw new IllegalStateException("no search:\n" + serve.output());
            Thread.sleep(200);
        }
    }

    private static Outcome send(HttpClient http, String base, String auth, int kind, int i) {
        String question = "When are the tomatoes in bed " + (i % 30) + " watered?";
        HttpRequest.Builder req = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60)).header("Authorization", auth);
        String name = switch (kind) {
            case 0 -> {
                req.uri(URI.create(base + "/ask")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}"));
                yield "ask";
            }
            case 1 -> {
                req.uri(URI.create(base + "/ask")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\", \"stream\": true}"));
                yield "ask-stream";
            }
            case 2 -> {
                req.uri(URI.create(base + "/api/search?q=" + java.net.URLEncoder.encode(question, java.nio.charset.StandardCharsets.UTF_8)));
                yield "search";
            }
            default -> {
                req.uri(URI.create(base + "/v1/chat/completions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"docent\", \"messages\": [{\"role\": \"user\","
                                + " \"content\": \"" + question + "\"}]}"));
                yield "chat";
            }
        };
        long started = System.nanoTime();
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(name, started, System.nanoTime(), res.statusCode(), res.body());
        } catch (IOException e) {
            return new Outcome(name, started, System.nanoTime(), -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(name, started, System.nanoTime(), -1, e.toString());
        }
    }
}
