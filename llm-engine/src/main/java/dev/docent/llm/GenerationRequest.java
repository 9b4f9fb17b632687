package dev.docent.llm;

import java.util.List;

/**
 * What to generate: the conversation, how long the reply may be, how tokens are chosen and where
 * to stop. The same request means the same thing to every {@link Generator}, local or remote.
 *
 * @param messages the conversation, oldest first; the reply is the assistant's next turn
 * @param maxTokens longest reply, in tokens (at least 1)
 * @param sampling how tokens are chosen, or null for the generator's configured default
 * @param stop strings that end the reply when generated; the stop string itself is not part of
 *     the text (at most {@value #MAX_STOP_STRINGS}, none empty, as OpenAI-style servers accept)
 */
public record GenerationRequest(List<ChatMessage> messages, int maxTokens, Sampling sampling, List<String> stop) {

    public static final int MAX_STOP_STRINGS = 4;

    public GenerationRequest {
        if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("messages must not be empty");
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > MAX_STOP_STRINGS) {
            throw new IllegalArgumentException("at most " + MAX_STOP_STRINGS + " stop strings, got " + stop.size());
        }
        if (stop.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("a stop string must not be empty");
    }

    /** {@code messages} with the generator's default sampling and no stop strings. */
    public static GenerationRequest of(List<ChatMessage> messages, int maxTokens) {
        return new GenerationRequest(messages, maxTokens, null, List.of());
    }

    public GenerationRequest withSampling(Sampling s) {
        return new GenerationRequest(messages, maxTokens, s, stop);
    }

    public GenerationRequest withStop(List<String> strings) {
        return new GenerationRequest(messages, maxTokens, sampling, strings);
    }

    public GenerationRequest withMaxTokens(int n) {
        return new GenerationRequest(messages, n, sampling, stop);
    }
}
