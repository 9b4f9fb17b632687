package dev.docent.llm.factory;

import dev.docent.llm.Generator;
import dev.docent.llm.LlamaOptions;

import dev.docent.llm.internal.LlamaGenerator;
import dev.docent.llm.remote.RemoteGenerator;
import dev.docent.llm.remote.RemoteOptions;

/** Factory for generators. */
public final class Generators {

    private Generators() {}

    /**
     * Loads a GGUF model with llama.cpp. Blocks until the model is loaded.
     *
     * @throws ModelLoadException when the file is missing, not GGUF, too big, or llama.cpp rejects it
     */
    public static Generator llama(LlamaOptions options) {
        return new LlamaGenerator(options);
    }

    /**
     * A model served by an OpenAI-compatible server (Ollama, llama-server, LM Studio, vLLM...).
     * Connects to nothing yet: a server that is down is reported by the first request.
     *
     * @throws IllegalArgumentException when the endpoint is malformed, or not on this machine and
     *     {@link RemoteOptions#allowRemote()} is false
     */
    public static Generator remote(RemoteOptions options) {
        return new RemoteGenerator(options);
    }
}
