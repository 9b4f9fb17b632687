package dev.docent.assistant;

import java.nio.file.Path;

/**
 * Language-model settings ({@code llm.*} in config/docent.properties).
 *
 * @param model GGUF file, or null for extractive answers
 * @param contextSize tokens of context (prompt + answer)
 * @param threads llama.cpp threads; 0 means one per core
 * @param gpuLayers layers offloaded to the GPU; -1 all, 0 none; null means the platform default
 * @param temperature 0 for greedy decoding
 * @param maxAnswerTokens longest answer
 * @param timeoutSeconds a generation running longer is stopped and returned as it stands
 * @param maxWaiting questions that may wait while one is answered; more get HTTP 503
 * @param endpoint an OpenAI-compatible server used instead of the in-process engine, or null
 */
public record LlmSettings(Path model, int contextSize, int threads, Integer gpuLayers, float temperature,
        int maxAnswerTokens, int timeoutSeconds, int maxWaiting, Endpoint endpoint) {

    /** Settings for the in-process engine only (no endpoint). */
    public LlmSettings(Path model, int contextSize, int threads, Integer gpuLayers, float temperature,
            int maxAnswerTokens, int timeoutSeconds, int maxWaiting) {
        this(model, contextSize, threads, gpuLayers, temperature, maxAnswerTokens, timeoutSeconds, maxWaiting, null);
    }

    /**
     * A remote generator's settings ({@code llm.endpoint*}).
     *
     * @param url the API base, e.g. {@code http://127.0.0.1:11434/v1}
     * @param model the server's name for the model
     * @param allowRemote a host off this machine is allowed ({@code llm.allow_remote_endpoint})
     * @param contextSize the server's context window in tokens ({@code llm.endpoint_context})
     * @param keyVariable the environment variable holding the server's API key, or null for none
     *     ({@code llm.endpoint_key_env}; the key itself never sits in a config file)
     */
    public record Endpoint(String url, String model, boolean allowRemote, int contextSize, String keyVariable) {
        public Endpoint(String url, String model, boolean allowRemote, int contextSize) {
            this(url, model, allowRemote, contextSize, null);
        }
    }

    public static LlmSettings defaults() {
        return new LlmSettings(null, 4096, 0, null, 0.2f, 512, 120, 4);
    }

    public LlmSettings withModel(Path m) {
        return new LlmSettings(m, contextSize, threads, gpuLayers, temperature, maxAnswerTokens, timeoutSeconds, maxWaiting, endpoint);
    }

    public LlmSettings withEndpoint(Endpoint e) {
        return new LlmSettings(model, contextSize, threads, gpuLayers, temperature, maxAnswerTokens, timeoutSeconds, maxWaiting, e);
    }
}
