package dev.docent.llm.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.llm.Sampling;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Generator} whose model runs in an OpenAI-compatible server: each request is one
 * streamed {@code POST {endpoint}/chat/completions} ({@link StreamedChat}). It behaves as the local
 * engine does (GeneratorContract): text streams as it forms, the request's max tokens and sampling
 * go to the server, stop strings end the reply, a cancel closes the stream at once, a prompt too
 * long for {@link RemoteOptions#contextSize()} is refused before sending, and more concurrent
 * requests than one plus the queue capacity are refused as busy.
 *
 * <p>Stop strings are applied here, as the text arrives, and not sent to the server: the same
 * request then ends at the same place on every server, and the reply is known to have ended at a
 * stop string. Closing the stream makes the server stop generating.
 *
 * <p>Failures before any text arrived (connection refused, 5xx, 429) are retried with a doubling
 * backoff; once text has been passed on, nothing is retried, since the caller has shown it.
 *
 * <p>Token counts for prompt budgeting are estimates: the OpenAI API has no tokenizer endpoint,
 * so a token is taken as {@value #BYTES_PER_TOKEN} bytes of UTF-8. Real tokenizers make about 4
 * characters of English a token and about one token per CJK character (3 bytes), so the
 * estimate errs towards fitting fewer sources rather than overflowing the server's context.
 */
public final class RemoteGenerator implements Generator {

    private static final Logger log = LoggerFactory.getLogger(RemoteGenerator.class);
    static final int BYTES_PER_TOKEN = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteOptions options;
    private final URI completions;
    private final HttpClient http;
    private final Semaphore slots;
    private final Set<StreamedChat> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @throws IllegalArgumentException when the endpoint is malformed or, without permission, not on this machine */
    public RemoteGenerator(RemoteOptions options) {
        this.options = options;
        URI base = EndpointPolicy.check(options.endpoint(), options.allowRemote());
        String b = base.toString();
        this.completions = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/chat/completions");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain SSE; no h2c upgrade dance with local servers
                .connectTimeout(options.connectTimeout())
                .proxy(HttpClient.Builder.NO_PROXY) // straight to the endpoint, never through a proxy
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead off this machine
                .build();
        this.slots = new Semaphore(1 + Math.max(0, options.queueCapacity()));
    }

    @Override
    public Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled) {
        if (closed) throw closedException();
        int prompt = templateOverhead(request.messages())
                + request.messages().stream().mapToInt(m -> countTokens(m.content())).sum();
        if (prompt + 1 >= contextSize()) {
            throw new IllegalArgumentException("the prompt has about " + prompt + " tokens (estimated at "
                    + BYTES_PER_TOKEN + " bytes a token); the context holds " + contextSize()
                    + " (llm.endpoint_context: set it to the server's context size)");
        }
        if (!slots.tryAcquire()) {
            if (closed) throw closedException(); // close() holds every slot
            throw new GeneratorBusyException("the model server is busy with " + (1 + options.queueCapacity())
                    + " questions from Docent (llm.max_waiting); retry shortly");
        }
        try {
            if (closed) throw closedException(); // closed between the first check and the slot
            return withRetries(requestBody(request), request.stop(), prompt, onText,
                    () -> closed || cancelled.getAsBoolean());
        } finally {
            slots.release();
        }
    }

    private Completion withRetries(String body, List<String> stop, int promptEstimate, Consumer<String> onText,
            BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long wait = options.backoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            var call = new StreamedChat(http, completions, options, body, stop, start, promptEstimate, cancelled);
            running.add(call);
            try {
                return call.run(onText);
            } catch (StreamedChat.Retryable r) {
                if (attempt >= options.retries()) throw r.report();
                long pause = r.retryAfterMillis() > 0 ? Math.min(r.retryAfterMillis(), 10_000) : wait;
                if (!sleep(pause, cancelled)) return StreamedChat.cancelledBeforeText(start, promptEstimate);
                wait *= 2;
            } finally {
                running.remove(call);
            }
        }
    }

    /** Sleeps {@code ms}, waking early (false) when cancelled. */
    private static boolean sleep(long ms, BooleanSupplier cancelled) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) return false;
            try {
                Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cancelled.getAsBoolean();
    }

    /** The OpenAI request: the conversation, streamed, with usage at the end and the standard sampling knobs. */
    private String requestBody(GenerationRequest request) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", options.model());
        var messages = b.putArray("messages");
        for (ChatMessage m : request.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
        b.put("stream", true);
        b.putObject("stream_options").put("include_usage", true);
        b.put("max_tokens", request.maxTokens());
        Sampling s = request.sampling() != null ? request.sampling() : options.sampling();
        if (s.greedy()) {
            b.put("temperature", 0);
        } else {
            b.put("temperature", s.temperature());
            if (s.topP() < 1) b.put("top_p", s.topP());
            b.put("seed", s.seed());
        }
        try {
            return JSON.writeValueAsString(b);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String modelName() {
        return options.model();
    }

    @Override
    public String endpoint() {
        return options.endpoint().toString();
    }

    @Override
    public int contextSize() {
        return options.contextSize();
    }

    /** An estimate: {@value #BYTES_PER_TOKEN} bytes of UTF-8 a token, rounded up (see the class comment). */
    @Override
    public int countTokens(String text) {
        if (closed) throw closedException(); // as the local engine: a closed generator counts nothing
        return (text.getBytes(StandardCharsets.UTF_8).length + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("the generator was closed");
    }

    /**
     * Closes every open stream (their callers return as cancelled), waits until those calls have
     * returned (so no text is passed on after this), then closes the HTTP client.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        running.forEach(StreamedChat::abort);
        try {
            // A chat holds a slot from before it sends until it returns: all slots free, none runs.
            if (!slots.tryAcquire(1 + Math.max(0, options.queueCapacity()), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("A request to {} was still running {} s after close", options.endpoint(), CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.shutdownNow();
    }

    private static final long CLOSE_WAIT_SECONDS = 30;
}
