package dev.docent.llm.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.llm.factory.Generators;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remote generator where servers misbehave: a tiny local HTTP server injects the faults
 * (refusals, failures, a stream that stalls or breaks) that a real model server produces only by
 * accident. What a real server does when all goes well is web-ui's RemoteGeneratorContractTest.
 */
class RemoteGeneratorFaultsTest {

    private static final GenerationRequest HELLO = GenerationRequest.of(List.of(new ChatMessage("user", "hello")), 8);
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    /** What the server does with the n-th request (0-based). */
    private interface Behaviour {
        void handle(HttpExchange ex, int n) throws Exception;
    }

    private URI serve(Behaviour b) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                b.handle(ex, requests.getAndIncrement());
            } catch (Exception e) {
                // the test decided to break the connection
            } finally {
                ex.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    private static Generator remote(URI endpoint) {
        return Generators.remote(RemoteOptions.defaults(endpoint, "tiny").withRetries(3, Duration.ofMillis(20)));
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static String chunk(String content, String finish) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static void startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
    }

    private static void send(HttpExchange ex, String s) throws IOException {
        OutputStream out = ex.getResponseBody();
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void anEndpointOffThisMachineIsRefusedUnlessAllowed() {
        URI lan = URI.create("http://192.0.2.7:11434/v1"); // TEST-NET-1: never a real host
        var e = assertThrows(IllegalArgumentException.class, () -> Generators.remote(RemoteOptions.defaults(lan, "m")));
        assertTrue(e.getMessage().contains("not on this machine") && e.getMessage().contains("llm.allow_remote_endpoint"),
                e.getMessage());
        try (Generator allowed = Generators.remote(RemoteOptions.defaults(lan, "m").withAllowRemote(true))) {
            assertEquals("http://192.0.2.7:11434/v1", allowed.endpoint()); // nothing is connected before a request
        }
        var scheme = assertThrows(IllegalArgumentException.class,
                () -> Generators.remote(RemoteOptions.defaults(URI.create("ftp://127.0.0.1/v1"), "m")));
        assertTrue(scheme.getMessage().contains("http://"), scheme.getMessage());
        var noModel = assertThrows(IllegalArgumentException.class,
                () -> RemoteOptions.defaults(URI.create("http://127.0.0.1:11434/v1"), " "));
        assertTrue(noModel.getMessage().contains("llm.endpoint_model"), noModel.getMessage());
        // A name is resolved, and must be loopback too: localhost is.
        try (Generator local = Generators.remote(RemoteOptions.defaults(URI.create("http://localhost:1/v1"), "m"))) {
            assertEquals("m", local.modelName());
        }
    }

    @Test
    void failuresBeforeAnyTextAreRetriedWithBackoff() throws Exception {
        URI url = serve((ex, n) -> {
            if (n == 0) {
                ex.getResponseHeaders().set("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"); // a date: the backoff applies
                reply(ex, 503, "application/json", "{\"error\":{\"message\":\"loading model\"}}");
            }
            else if (n == 1) reply(ex, 500, "text/plain", "oops");
            else {
                startStream(ex);
                send(ex, chunk("Hel", null) + chunk("lo", "stop") + "data: {\"choices\":[],\"usage\":"
                        + "{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n");
            }
        });
        try (Generator g = remote(url)) {
            StringBuilder streamed = new StringBuilder();
            Completion c = g.chat(HELLO, streamed::append, () -> false);
            assertEquals("Hello", c.text());
            assertEquals("Hello", streamed.toString());
            assertEquals(3, requests.get());
            assertEquals(Completion.FinishReason.END_OF_GENERATION, c.finishReason());
            assertEquals(9, c.promptTokens(), "usage from the server");
            assertEquals(2, c.generatedTokens());
        }
        String sent = bodies.getFirst();
        assertTrue(sent.contains("\"model\":\"tiny\"") && sent.contains("\"stream\":true") && sent.contains("\"max_tokens\":8"), sent);
    }

    @Test
    void nothingIsRetriedOnceTextWasPassedOn() throws Exception {
        URI url = serve((ex, n) -> {
            startStream(ex);
            send(ex, chunk("Half a", null));
            throw new IOException("the server dies mid-reply"); // closes the connection without [DONE]
        });
        try (Generator g = remote(url)) {
            StringBuilder streamed = new StringBuilder();
            var e = assertThrows(IllegalStateException.class, () -> g.chat(HELLO, streamed::append, () -> false));
            assertEquals("Half a", streamed.toString());
            assertEquals(1, requests.get(), "retried after text was shown");
            assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
        }
    }

    @Test
    void aServerThatIsDownIsReportedWithWhatToDo() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free now, and nothing listens on it
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/v1");
        try (Generator g = remote(url)) {
            long t0 = System.nanoTime();
            var e = assertThrows(IllegalStateException.class, () -> g.chat(HELLO, s -> {}, () -> false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("running? tried " + url), e.getMessage());
            assertTrue(ms >= 20 + 40 + 80, "3 retries with backoff took only " + ms + " ms");
        }
    }

    @Test
    void aBusyServerEndsAsBusyAndAServerSideContextOverflowAsIllegalArgument() throws Exception {
        URI url = serve((ex, n) -> {
            if (bodies.get(n).contains("long one")) {
                reply(ex, 400, "application/json", "{\"error\":{\"message\":\"the prompt has 900 tokens; the context holds 512\","
                        + "\"code\":\"context_length_exceeded\"}}");
            } else {
                reply(ex, 429, "application/json", "{\"error\":{\"message\":\"too many requests\"}}");
            }
        });
        try (Generator g = remote(url)) {
            var busy = assertThrows(GeneratorBusyException.class, () -> g.chat(HELLO, s -> {}, () -> false));
            assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
            assertEquals(4, requests.get(), "one try and three retries");
            var tooLong = assertThrows(IllegalArgumentException.class, () -> g.chat(
                    GenerationRequest.of(List.of(new ChatMessage("user", "a long one")), 8), s -> {}, () -> false));
            assertTrue(tooLong.getMessage().contains("context"), tooLong.getMessage());
        }
    }

    @Test
    void aCancelClosesAStalledStreamAtOnceAndSilenceTimesOut() throws Exception {
        AtomicBoolean serverSawClose = new AtomicBoolean();
        URI url = serve((ex, n) -> {
            startStream(ex);
            send(ex, chunk("Once", null));
            try {
                for (int i = 0; i < 100; i++) { // keep-alive comments only: the reply stalls
                    Thread.sleep(100);
                    send(ex, n == 0 ? ": ping\n\n" : "");
                }
            } catch (IOException e) {
                serverSawClose.set(true);
            }
        });
        try (Generator g = remote(url)) {
            AtomicBoolean cancel = new AtomicBoolean();
            var firstText = new java.util.concurrent.CountDownLatch(1);
            long[] cancelledAt = {0};
            Thread.ofVirtual().start(() -> { // cancels while the reader waits on the stalled stream
                try {
                    firstText.await();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                cancelledAt[0] = System.nanoTime();
                cancel.set(true);
            });
            Completion c = g.chat(HELLO, s -> firstText.countDown(), cancel::get);
            long afterCancel = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
            assertEquals(Completion.FinishReason.CANCELLED, c.finishReason());
            assertEquals("Once", c.text());
            assertTrue(afterCancel < 500, "returned " + afterCancel + " ms after the cancel");
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!serverSawClose.get() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(serverSawClose.get(), "the connection stayed open after the cancel");
        }
        // The second request gets no keep-alives at all: silence beyond the read timeout fails it.
        try (Generator g = Generators.remote(RemoteOptions.defaults(url, "tiny").withReadTimeout(Duration.ofMillis(400)))) {
            long t0 = System.nanoTime();
            var e = assertThrows(IllegalStateException.class, () -> g.chat(HELLO, s -> {}, () -> false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("sent nothing for"), e.getMessage());
            assertTrue(ms < 3000, ms + " ms");
        }
    }

    @Test
    void aServerThatIgnoresStreamingStillAnswers() throws Exception {
        URI url = serve((ex, n) -> reply(ex, 200, "application/json",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"All at once. The end.\"},"
                        + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":8}}"));
        try (Generator g = remote(url)) {
            StringBuilder streamed = new StringBuilder();
            Completion c = g.chat(HELLO.withStop(List.of(" The end")), streamed::append, () -> false);
            assertEquals("All at once.", c.text());
            assertEquals(c.text(), streamed.toString());
            assertEquals(Completion.FinishReason.STOP_STRING, c.finishReason());
            Completion whole = g.chat(HELLO, s -> {}, () -> false);
            assertEquals(Completion.FinishReason.MAX_TOKENS, whole.finishReason());
            assertEquals(8, whole.generatedTokens());
        }
    }

    @Test
    void anApiKeyIsSentAsABearerTokenAndARefusalSaysWhereTheKeyComesFrom() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        URI url = serve((ex, n) -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            if (!"Bearer sk-test-123".equals(auth)) {
                reply(ex, 401, "application/json", "{\"error\":{\"message\":\"Invalid API key\"}}");
                return;
            }
            startStream(ex);
            send(ex, chunk("ok", "stop") + "data: [DONE]\n\n");
        });
        try (Generator keyless = remote(url)) {
            var e = assertThrows(IllegalStateException.class, () -> keyless.chat(HELLO, t -> {}, () -> false));
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("Invalid API key")
                    && e.getMessage().contains("llm.endpoint_key_env"), e.getMessage());
        }
        RemoteOptions keyed = RemoteOptions.defaults(url, "tiny").withApiKey("sk-test-123");
        try (Generator g = Generators.remote(keyed)) {
            assertEquals("ok", g.chat(HELLO, t -> {}, () -> false).text());
        }
        assertEquals(List.of("null", "Bearer sk-test-123"), authorizations, "401 is not retried; the key goes in the header");
        var wrong = RemoteOptions.defaults(url, "tiny").withApiKey("sk-wrong");
        try (Generator g = Generators.remote(wrong)) {
            var e = assertThrows(IllegalStateException.class, () -> g.chat(HELLO, t -> {}, () -> false));
            assertTrue(e.getMessage().contains("check the key"), e.getMessage());
        }
        assertTrue(!keyed.toString().contains("sk-test-123") && keyed.toString().contains("apiKey=(set)"),
                "options are logged, the key must not be: " + keyed);
    }
}
