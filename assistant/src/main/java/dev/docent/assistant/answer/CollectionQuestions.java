package dev.docent.assistant.answer;

import dev.docent.assistant.documents.DocumentFilters;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Questions about the whole collection ("how many invoices are from 2024?", "list all contracts",
 * "what changed last week?"), answered from every matching document instead of the best passages.
 * The {@link Answerer} asks this first; it answers only what it recognises, so ordinary questions
 * go on to retrieval exactly as before. (An interface here, implemented in
 * {@code assistant.collection}, so answering does not depend on that package.)
 */
public interface CollectionQuestions {

    /** Answers nothing. */
    CollectionQuestions NONE = (q, timings) -> Optional.empty();

    /**
     * The answer to {@code q} if it is a collection question, else empty.
     *
     * @param timings where to add the time spent per stage
     */
    Optional<Answer> answer(Question q, Map<String, Number> timings);

    /**
     * As {@link #answer(Question, Map)}, for an answer being produced by {@code run}: with a model
     * an implementation may check candidates and compose with it, reporting progress; it writes the
     * answer's text to {@code run.onToken()} itself. Without an override, the answer of {@link
     * #answer(Question, Map)}, its text passed on whole.
     */
    default Optional<Answer> answer(Question q, Map<String, Number> timings, AnswerRun run) {
        Optional<Answer> a = answer(q, timings);
        a.ifPresent(answer -> run.onToken().accept(answer.answer()));
        return a;
    }

    /**
     * The documents an ordinary question names by kind and time ("What did the March minutes
     * decide?"), within its filters, for the answer to come from them only; empty if it names none.
     */
    default Optional<Scope> scope(Question q) {
        return Optional.empty();
    }

    /**
     * Documents an ordinary question is answered from.
     *
     * @param documents which paths are in
     * @param count how many documents that is
     * @param description in words, for the answer's note ("minutes, dated from 2025-03-01 before 2025-04-01")
     */
    record Scope(Predicate<String> documents, int count, String description) {}

    /** Which documents {@code filters} lets an ordinary answer use (by path); all without a catalog. */
    default Predicate<String> documents(DocumentFilters filters) {
        return path -> true;
    }
}
