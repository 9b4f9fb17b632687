package dev.docent.assistant.answer;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Answers written by the language model from numbered sources, and follow-ups condensed by it. */
final class Generative {

    /** Told to the model with the question when retrieval found only weakly related passages. */
    static final String WEAK_SOURCES_NOTE = "\n\n(Note: the search found only weakly related sources; the documents"
            + " probably do not contain the answer. Unless a source clearly answers it, say that the documents do not"
            + " contain it.)";

    /** A standalone query is a short line; this bounds the generation that writes it. */
    private static final int CONDENSE_TOKENS = 48;
    private static final int CONDENSED_MAX_CHARS = 300;

    private final Generator generator;
    private final int answerTokens;
    private final long timeoutNanos;
    private final AtomicInteger generating;

    /** @param generating counts answers being generated, shared by every answer (background indexing yields to them) */
    Generative(Generator generator, int answerTokens, long timeoutNanos, AtomicInteger generating) {
        this.generator = generator;
        this.answerTokens = answerTokens;
        this.timeoutNanos = timeoutNanos;
        this.generating = generating;
    }

    private Completion chat(List<ChatMessage> messages, int maxTokens, Consumer<String> onText, BooleanSupplier stop) {
        generating.incrementAndGet();
        try {
            return generator.chat(GenerationRequest.of(messages, maxTokens), onText, stop);
        } finally {
            generating.decrementAndGet();
        }
    }

    /**
     * The question rewritten by the model as a standalone search query ("And for part-timers?" →
     * "annual leave for part-time employees"), or null if the model gave nothing usable.
     */
    String condense(Question q, BooleanSupplier cancelled, Map<String, Number> timings) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeoutNanos;
        var messages = PromptBuilder.condense(q.text(), q.history(), generator, generator.contextSize() - CONDENSE_TOKENS);
        Completion c = chat(messages, CONDENSE_TOKENS, s -> {}, () -> cancelled.getAsBoolean() || System.nanoTime() > deadline);
        timings.put("condense_ms", (System.nanoTime() - t0) / 1_000_000);
        if (c.finishReason() == Completion.FinishReason.CANCELLED) return null;
        String line = c.text().strip().lines().findFirst().orElse("").strip();
        line = line.replaceFirst("(?i)^(standalone )?(search )?query:\\s*", "").replaceAll("^[\"'\u201c]+|[\"'\u201d]+$", "");
        if (line.isBlank()) return null;
        return line.length() > CONDENSED_MAX_CHARS ? line.substring(0, CONDENSED_MAX_CHARS) : line;
    }

    /**
     * @param found false when retrieval found only weak matches: the model is told so with the question
     * @param notes what the user should know so far (more are added)
     */
    Answer answer(Question q, Extractive.Focus focus, List<Hit> hits, boolean found, Consumer<String> onToken,
            BooleanSupplier cancelled, Map<String, Number> timings, List<String> notes) {
        String question = found ? q.text() : q.text() + WEAK_SOURCES_NOTE;
        PromptBuilder.Prompt prompt = PromptBuilder.build(question, q.history(), hits, generator, answerTokens);
        if (prompt.sources().isEmpty()) {
            Answer quoted = Extractive.answer(focus, hits, found, onToken, timings);
            return new Answer(quoted.answer(), quoted.mode(), quoted.citations(), null, timings,
                    List.of("the model's context (" + generator.contextSize() + " tokens) has no room for a source;"
                            + " raise llm.context_size"), found, 0);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        Completion c = chat(prompt.messages(), answerTokens, onToken,
                () -> cancelled.getAsBoolean() || System.nanoTime() > deadline);
        CitationCheck.Result checked = CitationCheck.check(c.text().strip(), prompt.sources().size());
        List<Citation> citations = new ArrayList<>();
        for (int n : checked.cited()) {
            Hit h = prompt.sources().get(n - 1);
            citations.add(Extractive.citation(n, h, Extractive.snippet(h.text(), Extractive.bestQuote(h.text(), focus))));
        }
        if (citations.isEmpty()) {
            // The model cited nothing: list what it was given, marked as not cited, so the user
            // still has the passages to check the answer against (the note says so too).
            for (int n = 1; n <= prompt.sources().size(); n++) {
                Hit h = prompt.sources().get(n - 1);
                citations.add(Extractive.citation(n, h, Extractive.snippet(h.text(), Extractive.bestQuote(h.text(), focus)))
                        .asUncited());
            }
        }
        notes.addAll(checked.notes());
        switch (c.finishReason()) {
            case MAX_TOKENS -> notes.add("the answer was cut off at " + c.generatedTokens() + " tokens");
            case CANCELLED -> notes.add(System.nanoTime() > deadline
                    ? "the answer was stopped at the time limit" : "the answer was cancelled");
            default -> { }
        }
        timings.put("prompt_tokens", c.promptTokens());
        timings.put("reused_prompt_tokens", c.reusedPromptTokens());
        timings.put("generated_tokens", c.generatedTokens());
        timings.put("time_to_first_token_ms", c.timeToFirstTokenMillis());
        timings.put("tokens_per_second", Math.round(c.tokensPerSecond() * 10) / 10.0);
        timings.put("generate_ms", c.totalMillis());
        return new Answer(checked.answer(), "generative", citations, generator.modelName(), timings, notes, found, 0);
    }
}
