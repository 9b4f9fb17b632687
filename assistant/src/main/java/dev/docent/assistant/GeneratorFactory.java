package dev.docent.assistant;

import dev.docent.llm.Generator;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.LlamaOptions;
import dev.docent.llm.Sampling;
import dev.docent.llm.remote.EndpointPolicy;
import dev.docent.llm.remote.RemoteOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that picks the generator the settings ask for: an OpenAI-compatible server when
 * {@code llm.endpoint} is set (instead of the in-process engine), else the GGUF model in process,
 * else none (extractive answers). Serve, ask and the MCP server all build theirs here.
 */
public final class GeneratorFactory {

    private static final Logger log = LoggerFactory.getLogger(GeneratorFactory.class);

    private GeneratorFactory() {}

    /**
     * Refuses, before anything else is opened, an endpoint Docent may not connect to (off this
     * machine without {@code llm.allow_remote_endpoint}, malformed, no model name, a key variable
     * that is not set).
     *
     * @throws IllegalArgumentException saying what to change in the config
     */
    public static void check(LlmSettings s) {
        if (s.endpoint() == null) return;
        RemoteOptions o = remoteOptions(s);
        EndpointPolicy.check(o.endpoint(), o.allowRemote());
        plainHttpWarning(o).ifPresent(log::warn);
    }

    /** What to tell the user when answers would cross the network unencrypted (plain http to another machine). */
    static Optional<String> plainHttpWarning(RemoteOptions o) {
        if (!o.allowRemote() || !"http".equalsIgnoreCase(o.endpoint().getScheme()) || onThisMachine(o.endpoint().getHost())) {
            return Optional.empty();
        }
        return Optional.of("llm.endpoint " + o.endpoint() + " is plain http to another machine: your questions and"
                + " passages" + (o.apiKey() == null ? "" : " and the API key") + " cross the network unencrypted;"
                + " use https:// (its certificate is checked) or an SSH tunnel to a loopback address");
    }

    private static boolean onThisMachine(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The configured generator, or null when none is configured. A remote one connects to nothing
     * yet; a local one loads its model (seconds).
     *
     * @throws dev.docent.llm.ModelLoadException when the local model cannot be loaded
     * @throws IllegalArgumentException when the endpoint is refused (see {@link #check})
     */
    public static Generator open(LlmSettings s) {
        if (s.endpoint() != null) {
            if (s.model() != null) log.warn("llm.endpoint is set, so {} is not loaded; answers come from {}", s.model(), s.endpoint().url());
            return Generators.remote(remoteOptions(s));
        }
        return s.model() == null ? null : Generators.llama(llamaOptions(s));
    }

    /** The in-process engine's options for these settings (serve, ask, mcp, and a model switched at run time). */
    public static LlamaOptions llamaOptions(LlmSettings s) {
        LlamaOptions o = LlamaOptions.defaults(s.model()).withContextSize(s.contextSize())
                .withQueueCapacity(Math.max(1, s.maxWaiting()));
        if (s.threads() > 0) o = o.withThreads(s.threads());
        if (s.gpuLayers() != null) o = o.withGpuLayers(s.gpuLayers());
        return o.withSampling(sampling(s));
    }

    /** The remote generator's options for these settings, the API key read from this process's environment. */
    static RemoteOptions remoteOptions(LlmSettings s) {
        return remoteOptions(s, System::getenv);
    }

    /** With the environment as {@code environment} gives it (tests pass a map's lookup). */
    public static RemoteOptions remoteOptions(LlmSettings s, UnaryOperator<String> environment) {
        LlmSettings.Endpoint e = s.endpoint();
        URI url;
        try {
            url = URI.create(e.url().strip());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("llm.endpoint is not a URL: '" + e.url() + "' (e.g. http://127.0.0.1:11434/v1)");
        }
        return RemoteOptions.defaults(url, e.model())
                .withAllowRemote(e.allowRemote())
                .withContextSize(e.contextSize())
                .withSampling(sampling(s))
                .withQueueCapacity(Math.max(1, s.maxWaiting()))
                // The server may take long to read a big prompt before its first token.
                .withReadTimeout(Duration.ofSeconds(Math.max(30, s.timeoutSeconds())))
                .withApiKey(apiKey(e, environment));
    }

    /** The key in the variable {@code llm.endpoint_key_env} names; a named variable that is unset stops the start. */
    private static String apiKey(LlmSettings.Endpoint e, UnaryOperator<String> environment) {
        if (e.keyVariable() == null) return null;
        String key = environment.apply(e.keyVariable());
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("llm.endpoint_key_env names the environment variable " + e.keyVariable()
                    + ", but it is not set in Docent's environment: set it to the model server's API key"
                    + " (or empty llm.endpoint_key_env if the server needs none)");
        }
        return key.strip();
    }

    /** {@code llm.temperature} over Docent's factual defaults (greedy at 0); local and remote alike. */
    static Sampling sampling(LlmSettings s) {
        Sampling f = Sampling.FACTUAL;
        return s.temperature() <= 0 ? Sampling.GREEDY
                : new Sampling(s.temperature(), f.topK(), f.topP(), f.minP(), f.repeatPenalty(), f.repeatLastN(), f.seed());
    }
}
