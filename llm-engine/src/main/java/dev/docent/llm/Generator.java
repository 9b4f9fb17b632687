package dev.docent.llm;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A chat model: a {@link GenerationRequest} in, the assistant's reply streamed out, a
 * {@link Completion} at the end. In-process ({@link Generators#llama}) or behind an
 * OpenAI-compatible server ({@link Generators#remote}); {@code GeneratorContract} in the tests
 * holds every implementation to the same behaviour.
 */
public interface Generator extends AutoCloseable {

    /**
     * Generates the assistant's reply to the request's messages, passing text to {@code onText} as
     * it is produced; blocks until done. The pieces passed on add up to the completion's text. A
     * stop string ends the reply and is passed on neither in the pieces nor in the text. Stops
     * early, promptly, when {@code cancelled} turns true.
     *
     * @throws GeneratorBusyException when the request queue is full (try again shortly)
     * @throws IllegalArgumentException when the conversation does not fit the context window
     */
    Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled);

    /** The model's name as shown to users. */
    String modelName();

    /** Where the model runs: null in this process, else the server's base URL (shown to users). */
    default String endpoint() {
        return null;
    }

    /** The context window in tokens: prompt plus answer must fit in it. */
    int contextSize();

    /** Tokens the model makes of {@code text} (for budgeting prompts). */
    int countTokens(String text);

    /** Tokens the chat template adds around {@code messages} beyond their contents. */
    default int templateOverhead(List<ChatMessage> messages) {
        return 16 * messages.size();
    }

    @Override
    void close();
}
