package dev.docent.llm;

/**
 * The result of one generation.
 *
 * @param text the whole generated text
 * @param finishReason why generation stopped
 * @param promptTokens tokens in the prompt
 * @param generatedTokens tokens produced
 * @param timeToFirstTokenMillis latency until the first token
 * @param totalMillis wall time of the whole call
 */
public record Completion(
        String text,
        FinishReason finishReason,
        int promptTokens,
        int generatedTokens,
        long timeToFirstTokenMillis,
        long totalMillis) {

    /** Why a generation ended. */
    public enum FinishReason {
        END_OF_GENERATION,
        MAX_TOKENS,
        CANCELLED
    }
}
