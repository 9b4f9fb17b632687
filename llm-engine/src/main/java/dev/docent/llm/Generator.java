package dev.docent.llm;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A chat model: a conversation in, the assistant's reply streamed out, a {@link Completion} at the end. */
public interface Generator extends AutoCloseable {

    /**
     * Generates the assistant's reply to {@code messages}, passing text to {@code onText} as it is
     * produced; blocks until done. Stops early when {@code cancelled} turns true.
     *
     * @throws GeneratorBusyException when the request queue is full (try again shortly)
     * @throws IllegalArgumentException when the conversation does not fit the context window
     */
    Completion chat(List<ChatMessage> messages, int maxTokens, Consumer<String> onText, BooleanSupplier cancelled);

    /** The model's name as shown to users. */
    String modelName();

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
