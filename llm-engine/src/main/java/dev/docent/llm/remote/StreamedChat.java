package dev.docent.llm.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.Completion;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.llm.internal.StopStrings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One attempt at a streamed chat completion: sends the request, reads the Server-Sent Events
 * ({@code data: {...}} chunks up to {@code data: [DONE]}) and passes the text on. A watcher thread
 * closes the stream when the request is cancelled or the server stays silent longer than the read
 * timeout, so a read blocked on the socket returns at once.
 */
final class StreamedChat {

    private static final long WATCH_MILLIS = 20;

    private final HttpClient http;
    private final URI url;
    private final RemoteOptions options;
    private final String body;
    private final List<String> stop;
    private final long start;
    private final int promptEstimate;
    private final BooleanSupplier cancelled;
    private volatile InputStream stream;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean done;
    private volatile boolean aborted;
    private volatile boolean timedOut;
    private final Reply reply; // made once the fields it reads are set

    StreamedChat(HttpClient http, URI url, RemoteOptions options, String body, List<String> stop, long start,
            int promptEstimate, BooleanSupplier cancelled) {
        this.http = http;
        this.url = url;
        this.options = options;
        this.body = body;
        this.stop = stop;
        this.start = start;
        this.promptEstimate = promptEstimate;
        this.cancelled = () -> aborted || cancelled.getAsBoolean();
        this.reply = new Reply();
    }

    /** A failure before any text was passed on: worth another attempt. */
    static final class Retryable extends Exception {
        private final RuntimeException report;
        private final long retryAfterMillis;

        Retryable(RuntimeException report, long retryAfterMillis) {
            super(report.getMessage(), null, false, false);
            this.report = report;
            this.retryAfterMillis = retryAfterMillis;
        }

        long retryAfterMillis() {
            return retryAfterMillis;
        }

        /** What the caller gets once the retries are used up. */
        RuntimeException report() {
            return report;
        }
    }

    static Completion cancelledBeforeText(long start, int promptEstimate) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new Completion("", Completion.FinishReason.CANCELLED, promptEstimate, 0, ms, ms, 0);
    }

    /** Closes the stream from another thread: the reader returns as cancelled. */
    void abort() {
        aborted = true;
        closeStream();
    }

    Completion run(Consumer<String> onText) throws Retryable {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(options.readTimeout()) // until the response headers arrive
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream");
        if (options.apiKey() != null) builder.header("Authorization", "Bearer " + options.apiKey());
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = send(request);
        if (response == null) return cancelledBeforeText(start, promptEstimate);
        stream = response.body();
        Thread watcher = Thread.ofVirtual().name("docent-remote-watch").start(this::watch);
        try (InputStream in = stream) {
            if (response.statusCode() != 200) throw refusal(response.statusCode(), readSome(in), response);
            String type = response.headers().firstValue("Content-Type").orElse("");
            return type.startsWith("text/event-stream") ? readEvents(in, onText) : readWhole(in, onText);
        } catch (IOException e) {
            if (cancelled.getAsBoolean()) return reply.cancelled(); // the watcher closed the stream under the read
            if (timedOut) {
                throw new IllegalStateException("the model server at " + options.endpoint() + " sent nothing for "
                        + options.readTimeout().toSeconds() + " s; it may be overloaded (llm.timeout_seconds sets the wait)");
            }
            throw new IllegalStateException("lost the connection to the model server at " + options.endpoint() + ": " + e.getMessage(), e);
        } finally {
            done = true;
            watcher.interrupt();
        }
    }

    /** Sends, waiting for the response headers while watching for a cancel; null if cancelled. */
    private HttpResponse<InputStream> send(HttpRequest request) throws Retryable {
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        while (true) {
            try {
                return pending.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    pending.cancel(true); // aborts the exchange
                    return null;
                }
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                if (cancelled.getAsBoolean()) return null;
                throw unreachable(e.getCause());
            }
        }
    }

    private Retryable unreachable(Throwable cause) {
        String hint = "is the model server (Ollama, llama-server, LM Studio...) running? tried " + options.endpoint();
        if (cause instanceof HttpConnectTimeoutException) {
            return new Retryable(new IllegalStateException("no connection to the model server within "
                    + options.connectTimeout().toSeconds() + " s: " + hint), 0);
        }
        if (cause instanceof HttpTimeoutException) { // connected, but no reply: a retry would wait as long again
            throw new IllegalStateException("the model server at " + options.endpoint() + " did not answer within "
                    + options.readTimeout().toSeconds() + " s (llm.timeout_seconds sets the wait)");
        }
        String what = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause.getMessage());
        return new Retryable(new IllegalStateException("cannot reach the model server (" + what + "): " + hint, cause), 0);
    }

    /** A non-200 reply: retried when the server is busy or failing, else reported as what to fix. */
    private RuntimeException refusal(int status, String text, HttpResponse<?> response) throws Retryable {
        String message = errorMessage(text);
        String at = "the model server at " + options.endpoint();
        if (status == 429 || status == 503) {
            long after = retryAfterMillis(response);
            throw new Retryable(new GeneratorBusyException(at + " is busy (HTTP " + status + "): " + message
                    + "; retry shortly"), after);
        }
        if (status >= 500) throw new Retryable(new IllegalStateException(at + " failed (HTTP " + status + "): " + message), 0);
        if (status == 400 && message.toLowerCase(java.util.Locale.ROOT).contains("context")) {
            return new IllegalArgumentException(at + " refused the prompt as too long: " + message
                    + " (set llm.endpoint_context to the server's context size)");
        }
        if (status == 404) {
            return new IllegalStateException(at + " has no model '" + options.model() + "' or is not an OpenAI-compatible"
                    + " API (HTTP 404: " + message + "); check llm.endpoint_model (GET " + options.endpoint()
                    + "/models lists the models) and that llm.endpoint ends with /v1");
        }
        if (status == 401 || status == 403) {
            return new IllegalStateException(at + " refused access (HTTP " + status + "): " + message + (options.apiKey() == null
                    ? "; Docent sent no API key: put the server's key in an environment variable and name that variable"
                            + " in llm.endpoint_key_env"
                    : "; check the key in the environment variable llm.endpoint_key_env names"));
        }
        return new IllegalStateException(at + " refused the request (HTTP " + status + "): " + message);
    }

    /** {@code Retry-After} in seconds, as model servers send it; 0 when absent or an HTTP date. */
    private static long retryAfterMillis(HttpResponse<?> response) {
        try {
            return Math.max(0, response.headers().firstValueAsLong("Retry-After").orElse(0)) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The OpenAI-shaped {@code {"error": {"message": ...}}}, or the text itself. */
    private static String errorMessage(String text) {
        try {
            JsonNode error = RemoteGenerator.JSON.readTree(text).path("error");
            if (error.isTextual()) return error.asText();
            if (error.path("message").isTextual()) return error.path("message").asText();
        } catch (IOException | RuntimeException e) {
            // not JSON: the text as it came
        }
        String t = text.strip();
        return t.isEmpty() ? "no details" : t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private String readSome(InputStream in) throws IOException {
        return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }

    /** The server ignored {@code stream}: the whole reply in one JSON body. */
    private Completion readWhole(InputStream in, Consumer<String> onText) throws IOException {
        JsonNode whole = RemoteGenerator.JSON.readTree(in);
        reply.chunk(whole.path("choices").path(0).path("message"), whole, onText);
        return reply.finish();
    }

    private Completion readEvents(InputStream in, Consumer<String> onText) throws IOException, Retryable {
        var reader = reply;
        var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            lastHeard = System.nanoTime();
            if (cancelled.getAsBoolean()) return reader.cancelled();
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) data.append('\n');
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                continue;
            }
            if (!line.isEmpty() || data.isEmpty()) continue; // comments, event names, keep-alives
            String event = data.toString();
            data.setLength(0);
            if (event.equals("[DONE]")) return reader.finish();
            JsonNode chunk = RemoteGenerator.JSON.readTree(event);
            if (chunk.has("error")) throw reader.failure(chunk.path("error"), errorMessage(event));
            reader.chunk(chunk.path("choices").path(0).path("delta"), chunk, onText);
            if (reader.stops.stopped()) return reader.finish();
        }
        if (cancelled.getAsBoolean()) return reader.cancelled();
        if (reader.finishReason != null) return reader.finish(); // ended without [DONE]: some servers do
        throw reader.failure("the stream ended before the reply did");
    }

    /** The reply as it arrives: text passed on (stop strings held back), finish reason, usage. */
    private final class Reply {
        final StopStrings stops = new StopStrings(stop);
        final StringBuilder text = new StringBuilder();
        long firstText;
        int chunks;
        int promptTokens = -1;
        int completionTokens = -1;
        int cachedTokens;
        String finishReason;

        void chunk(JsonNode message, JsonNode whole, Consumer<String> onText) {
            String piece = message.path("content").isTextual() ? message.path("content").asText() : "";
            if (!piece.isEmpty()) {
                if (firstText == 0) firstText = System.nanoTime();
                chunks++;
                pass(stops.add(piece), onText);
            }
            JsonNode finish = whole.path("choices").path(0).path("finish_reason");
            if (finish.isTextual()) finishReason = finish.asText();
            JsonNode usage = whole.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(-1);
                completionTokens = usage.path("completion_tokens").asInt(-1);
                cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asInt(0);
            }
            if (finishReason != null && !stops.stopped()) pass(stops.flush(), onText);
        }

        private void pass(String s, Consumer<String> onText) {
            if (s.isEmpty()) return;
            text.append(s);
            onText.accept(s);
        }

        /**
         * An error the server sent inside the stream (it had already answered 200), classified as
         * a refusal before the stream would have been. Once text was passed on, nothing is retried.
         */
        RuntimeException failure(JsonNode error, String message) throws Retryable {
            String at = "the model server at " + options.endpoint();
            if ("context_length_exceeded".equals(error.path("code").asText())) {
                return new IllegalArgumentException(at + " refused the prompt as too long: " + message
                        + " (set llm.endpoint_context to the server's context size)");
            }
            boolean busy = "rate_limit_error".equals(error.path("type").asText());
            RuntimeException e = busy ? new GeneratorBusyException(at + " is busy: " + message + "; retry shortly")
                    : new IllegalStateException(at + " failed: " + message);
            if (text.isEmpty() && chunks == 0) throw new Retryable(e, 0);
            return e;
        }

        RuntimeException failure(String message) throws Retryable {
            return failure(RemoteGenerator.JSON.missingNode(), message);
        }

        Completion cancelled() {
            return completion(Completion.FinishReason.CANCELLED);
        }

        Completion finish() {
            Completion.FinishReason reason = stops.stopped() ? Completion.FinishReason.STOP_STRING
                    : "length".equals(finishReason) ? Completion.FinishReason.MAX_TOKENS
                    : Completion.FinishReason.END_OF_GENERATION;
            return completion(reason);
        }

        private Completion completion(Completion.FinishReason reason) {
            long now = System.nanoTime();
            long first = firstText == 0 ? now : firstText;
            return new Completion(text.toString(), reason, promptTokens >= 0 ? promptTokens : promptEstimate,
                    completionTokens >= 0 && reason != Completion.FinishReason.STOP_STRING ? completionTokens : chunks,
                    (first - start) / 1_000_000, (now - start) / 1_000_000, cachedTokens);
        }
    }

    /** Closes the stream on a cancel or after {@link RemoteOptions#readTimeout()} of silence. */
    private void watch() {
        long limit = options.readTimeout().toNanos();
        while (!done) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (done) return;
            if (cancelled.getAsBoolean()) {
                closeStream();
                return;
            }
            if (System.nanoTime() - lastHeard > limit) {
                timedOut = true;
                closeStream();
                return;
            }
        }
    }

    private void closeStream() {
        InputStream s = stream;
        if (s == null) return;
        try {
            s.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
