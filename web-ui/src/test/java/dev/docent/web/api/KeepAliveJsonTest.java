package dev.docent.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Over a real server and a real TCP connection: a slow non-streaming answer notices, through its
 * keep-alive spaces, that the client hung up, and stops; a client that stays gets valid JSON.
 */
class KeepAliveJsonTest {

    /** A route that "generates" a piece every 50 ms for up to 20 s, like a slow model. */
    private static Javalin server(CompletableFuture<Long> stoppedAfterMillis) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/slow", ctx -> {
                var keepAlive = new KeepAliveJson(ctx, 100_000_000L); // ping every 100 ms
                long t0 = System.nanoTime();
                try {
                    for (int i = 0; i < 400 && !keepAlive.clientGone(); i++) {
                        Thread.sleep(50);
                        keepAlive.tick();
                    }
                    keepAlive.finish("{\"answer\": \"done\"}");
                } catch (java.io.UncheckedIOException e) {
                    stoppedAfterMillis.complete((System.nanoTime() - t0) / 1_000_000);
                }
            });
        }).start("127.0.0.1", 0);
    }

    @Test
    void aClientThatHangsUpStopsTheAnswerWithinAboutASecond() throws Exception {
        var stopped = new CompletableFuture<Long>();
        Javalin app = server(stopped);
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(in.read() >= 0, "no keep-alive byte arrived"); // headers + first space are on their way
        } // hang up
        try {
            long ms = stopped.get(10, TimeUnit.SECONDS);
            assertTrue(ms < 5_000, "the answer ran on for " + ms + " ms after the client left");
        } finally {
            app.stop();
        }
    }

    @Test
    void aClientThatStaysGetsWhitespaceThenValidJson() throws Exception {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/slow", ctx -> {
                var keepAlive = new KeepAliveJson(ctx, 100_000_000L);
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(50);
                    keepAlive.tick();
                }
                assertTrue(keepAlive.committed());
                keepAlive.finish("{\"answer\": \"done\"}");
            });
        }).start("127.0.0.1", 0);
        try {
            var res = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(res.body().startsWith(" "), "no keep-alive whitespace: " + res.body());
            assertEquals("done", new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).get("answer").asText());
        } finally {
            app.stop();
        }
    }
}
