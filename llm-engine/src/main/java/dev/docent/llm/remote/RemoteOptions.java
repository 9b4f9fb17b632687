package dev.docent.llm.remote;

import dev.docent.llm.Sampling;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible server.
 *
 * @param endpoint the API's base URL, the part before {@code /chat/completions}, e.g.
 *     {@code http://127.0.0.1:11434/v1}
 * @param model the server's name for the model ({@code llm.endpoint_model})
 * @param allowRemote whether a host that is not this machine may be used ({@code llm.allow_remote_endpoint})
 * @param contextSize the server's context window in tokens, for budgeting prompts (no API reports it)
 * @param sampling token choice when a request names none
 * @param queueCapacity requests that may wait while one is generated; more get
 *     {@link dev.docent.llm.GeneratorBusyException}, as with the local engine
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long the server may stay silent (before its first token, or between two)
 * @param retries further attempts after a refused connection, a 5xx or a 429, made only before any text arrived
 * @param backoff wait before the first retry; doubled for each next one
 * @param apiKey sent as {@code Authorization: Bearer KEY}, or null to send none; never printed
 */
public record RemoteOptions(URI endpoint, String model, boolean allowRemote, int contextSize, Sampling sampling,
        int queueCapacity, Duration connectTimeout, Duration readTimeout, int retries, Duration backoff, String apiKey) {

    public static final int DEFAULT_CONTEXT = 4096;

    public RemoteOptions {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("llm.endpoint_model is required with llm.endpoint " + endpoint
                    + ": the server's name for the model (GET " + endpoint + "/models lists them)");
        }
        if (contextSize < 64) throw new IllegalArgumentException("llm.endpoint_context must be >= 64, got " + contextSize);
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
    }

    public static RemoteOptions defaults(URI endpoint, String model) {
        return new RemoteOptions(endpoint, model, false, DEFAULT_CONTEXT, Sampling.FACTUAL, 4, Duration.ofSeconds(5),
                Duration.ofSeconds(120), 3, Duration.ofMillis(250), null);
    }

    public RemoteOptions withAllowRemote(boolean allow) {
        return new RemoteOptions(endpoint, model, allow, contextSize, sampling, queueCapacity, connectTimeout, readTimeout, retries, backoff, apiKey);
    }

    public RemoteOptions withContextSize(int n) {
        return new RemoteOptions(endpoint, model, allowRemote, n, sampling, queueCapacity, connectTimeout, readTimeout, retries, backoff, apiKey);
    }

    public RemoteOptions withSampling(Sampling s) {
        return new RemoteOptions(endpoint, model, allowRemote, contextSize, s, queueCapacity, connectTimeout, readTimeout, retries, backoff, apiKey);
    }

    public RemoteOptions withQueueCapacity(int n) {
        return new RemoteOptions(endpoint, model, allowRemote, contextSize, sampling, n, connectTimeout, readTimeout, retries, backoff, apiKey);
    }

    public RemoteOptions withReadTimeout(Duration d) {
        return new RemoteOptions(endpoint, model, allowRemote, contextSize, sampling, queueCapacity, connectTimeout, d, retries, backoff, apiKey);
    }

    public RemoteOptions withRetries(int n, Duration firstBackoff) {
        return new RemoteOptions(endpoint, model, allowRemote, contextSize, sampling, queueCapacity, connectTimeout, readTimeout, n, firstBackoff, apiKey);
    }

    public RemoteOptions withApiKey(String key) {
        return new RemoteOptions(endpoint, model, allowRemote, contextSize, sampling, queueCapacity, connectTimeout, readTimeout, retries, backoff, key);
    }

    /** As the record would print itself, but with the key masked: options end up in logs and errors. */
    @Override
    public String toString() {
        return "RemoteOptions[endpoint=" + endpoint + ", model=" + model + ", allowRemote=" + allowRemote + ", contextSize="
                + contextSize + ", sampling=" + sampling + ", queueCapacity=" + queueCapacity + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", retries=" + retries + ", backoff=" + backoff
                + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
    }
}
