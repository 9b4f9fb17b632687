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
 * @param reusedPromptTokens prompt tokens found already in the KV cache (not decoded again)
 */
public record Completion(
        String text,
        FinishReason finishReason,
        int promptTokens,
        int generatedTokens,
        long timeToFirstTokenMillis,
        long totalMillis,
        int reusedPromptTokens) {

    /** Generation speed after the first token, or 0 when too few tokens were made to tell. */
    public double tokensPerSecond() {
        long ms = totalMillis - timeToFirstTokenMillis;
        return generatedTokens < 2 || ms <= 0 ? 0 : (generatedTokens - 1) * 1000.0 / ms;
    }

    /** Why a generation ended. */
    public enum FinishReason {
        END_OF_GENERATION,
        MAX_TOKENS,
        /** One of the request's stop strings was generated (it is not part of the text). */
        STOP_STRING,
        CANCELLED
    }
}
