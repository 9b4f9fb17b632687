package dev.docent.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ShutdownDrain} in a real Jetty (through Javalin, installed as {@link DocentApp} does),
 * with a route that holds its request until the test lets it go: a drain waits for it and it gets
 * its whole reply; a request arriving meanwhile gets 503 with a JSON error (OpenAI's shape under
 * /v1); a status stream is not waited for; when the grace period runs out, the drain returns
 * (and logs) the request it abandons. {@code cli.ServeDrainTest} checks the same on a real serve.
 */
class ShutdownDrainTest {

    private final ShutdownDrain drain = new ShutdownDrain();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> {
            config.jetty.modifyServer(server -> server.setHandler(drain));
            config.routes.get("/slow", ctx -> {
                entered.countDown();
                release.await();
                ctx.result("all of it");
            });
            config.routes.get("/api/status/events", ctx -> {
                entered.countDown();
                release.await(); // a stream that lasts as long as its client
            });
            config.routes.get("/v1/models", ctx -> ctx.result("{}"));
            config.routes.get("/quick", ctx -> ctx.result("quick"));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        app.stop();
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestInFlightFinishesWhileNewOnesAreRefusedWithJson() throws Exception {
        assertEquals(200, get("/quick").get(10, TimeUnit.SECONDS).statusCode());
        var slow = get("/slow");
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        // On a thread of its own: the common pool may have one thread (2 cores), which HttpClient needs too.
        var draining = new CompletableFuture<List<String>>();
        Thread.ofPlatform().start(() -> {
            try {
                draining.complete(drain.drain(Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                draining.completeExceptionally(e);
            }
        });
        while (!drain.draining()) Thread.sleep(5);

        HttpResponse<String> refused = get("/quick").get(10, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode());
        assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals(ShutdownDrain.REFUSAL, DocentApp.JSON.readTree(refused.body()).get("error").asText());
        HttpResponse<String> openAi = get("/v1/models").get(10, TimeUnit.SECONDS);
        assertEquals(503, openAi.statusCode());
        assertEquals(ShutdownDrain.REFUSAL, DocentApp.JSON.readTree(openAi.body()).get("error").get("message").asText());
        assertFalse(draining.isDone(), "the drain did not wait for the request in flight");

        release.countDown();
        HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("all of it", finished.body());
        assertEquals(List.of(), draining.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStatusStreamIsNotWaitedFor() throws Exception {
        get("/api/status/events");
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertEquals(List.of(), drain.drain(Duration.ofSeconds(20)));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "the drain waited for a status stream");
    }

    @Test
    void whenTheGracePeriodRunsOutTheRequestStillRunningIsNamedAndAbandoned() throws Exception {
        get("/slow");
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        List<String> abandoned = drain.drain(Duration.ofMillis(300));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, abandoned.size(), abandoned.toString());
        assertTrue(abandoned.getFirst().startsWith("GET /slow"), abandoned.toString());
        assertTrue(waited >= 300 && waited < 5_000, "waited " + waited + " ms");
    }
}
