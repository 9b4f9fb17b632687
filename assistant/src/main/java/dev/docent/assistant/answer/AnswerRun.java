package dev.docent.assistant.answer;

import dev.docent.llm.Generator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One answer being produced, as {@link CollectionQuestions} sees it: the model leased for it (null:
 * none, answer extractively), where its text and progress go, and whether to stop.
 *
 * @param generator the language model for this answer, or null; counted as generating while it
 *     runs, so background indexing yields to it
 * @param answerTokens longest answer the model may write ({@code llm.max_answer_tokens})
 * @param timeoutNanos how long one generation may take ({@code llm.timeout_seconds})
 * @param onToken receives the answer's text piece by piece; it only hands it on (see {@link TokenBuffer})
 * @param onProgress receives progress reports between the pieces of text
 * @param cancelled true once the client stopped the answer or went away
 */
public record AnswerRun(Generator generator, int answerTokens, long timeoutNanos, Consumer<String> onToken,
        Consumer<Progress> onProgress, BooleanSupplier cancelled) {

    /** True when a language model answers. */
    public boolean hasModel() {
        return generator != null;
    }
}
