package dev.docent.llm;

import dev.docent.llm.internal.LlamaGenerator;

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
}
