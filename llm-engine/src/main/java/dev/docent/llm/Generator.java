package dev.docent.llm;

import java.util.function.Consumer;

/** A text generator: one prompt in, tokens streamed out, a {@link Completion} at the end. */
public interface Generator extends AutoCloseable {

    /**
     * Generates a reply to {@code prompt}, passing each piece of text to {@code onToken} as it is
     * produced. Blocks until generation ends.
     */
    Completion generate(String prompt, int maxTokens, Consumer<String> onToken);

    /** The model's name as shown to users (file name or GGUF general.name). */
    String modelName();

    @Override
    void close();
}
