package dev.docent.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of {@code GET /api/status/events} over real HTTP: a thread reads the stream as it
 * comes and queues each {@code status} event's JSON, with when it arrived; a keep-alive comment
 * is counted. {@link #ended()} tells when the server closed the stream.
 */
final class StatusEventStream implements AutoCloseable {

    /** One event as received. */
    record Event(long atNanos, JsonNode status) {}

    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> all = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;
    private volatile int comments;
    final HttpResponse<InputStream> response;

    StatusEventStream(RunningDocent server) throws Exception {
        response = server.http.send(server.request("/api/status/events")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        body = response.body();
        reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(":")) comments++;
                else if (line.startsWith("event: ")) event = line.substring(7);
                else if (line.startsWith("data: ") && "status".equals(event)) {
                    events.add(new Event(System.nanoTime(), RunningDocent.JSON.readTree(line.substring(6))));
                } else if (line.isEmpty()) event = null;
            }
        } catch (IOException e) {
            // closed by close() or by the server
        } finally {
            ended = true;
        }
    }

    /** The next event, waiting at most {@code timeout}; null if none came. */
    Event next(Duration timeout) throws InterruptedException {
        Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e != null) all.add(e);
        return e;
    }

    /** Takes events until one matches {@code until} (returned) or {@code timeout} passes (null). */
    Event awaitEvent(Predicate<JsonNode> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e != null && until.test(e.status())) return e;
        }
        return null;
    }

    /** Every event taken so far, in order. */
    List<Event> taken() {
        return all;
    }

    int comments() {
        return comments;
    }

    boolean ended() {
        return ended;
    }

    /** Waits up to {@code timeout} for the server to end the stream. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return reader.join(timeout) && ended;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
