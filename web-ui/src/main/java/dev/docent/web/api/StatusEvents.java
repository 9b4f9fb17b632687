package dev.docent.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/status/events}: the status of {@code GET /api/status} as Server-Sent Events, a
 * {@code status} event each time it changes (at most four a second, from {@link StatusFeed}), and
 * a comment every {@value #KEEP_ALIVE_MS} ms when nothing changes, which keeps the connection under
 * Jetty's idle timeout and is how a client that went away is noticed. The stream ends when the
 * client goes or Docent stops.
 */
final class StatusEvents {

    /** Below {@link SlowClientLimits#IDLE_TIMEOUT_MS}, which would otherwise close a quiet stream. */
    static final long KEEP_ALIVE_MS = 10_000;

    private StatusEvents() {}

    static void stream(Context ctx, StatusFeed feed) throws IOException {
        try (var subscription = feed.subscribe(); var sse = new SseWriter(ctx, DocentApp.JSON)) {
            sse.ping(); // headers out at once, so the browser's EventSource reports "open" before the first change
            while (true) {
                StatusFeed.Snapshot s = subscription.next(KEEP_ALIVE_MS);
                if (subscription.closed()) return;
                if (s == null) {
                    sse.ping();
                } else {
                    sse.sendJson("status", s.json());
                }
            }
        } catch (UncheckedIOException clientGone) {
            // the client closed the page or stopped reading past the idle timeout: nothing to tell it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
