package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Checked;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.CitationCheck;
import dev.docent.assistant.answer.Progress;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reduce step of a collection answer with a model: a few sentences written from the kept
 * documents' passages, numbered as the answer's list numbers them, so the model's [n] and the
 * list's agree. The text streams as: the count line, the model's sentences as it writes them,
 * then the list (every document stays listed: the model describes, the list is the answer).
 * Citations the model invents are replaced by [?] ({@link CitationCheck}). For a folder's documents
 * the model is given each one's description ({@link DocumentBriefs}) instead of a passage.
 */
final class CollectionComposer {

    static final String INSTRUCTIONS = "You answer a question about a set of documents from the user's collection,"
            + " using only the numbered documents provided (each with a passage from it). In two to four sentences"
            + " say what they have in common or how they differ, as the question asks; cite documents by number, like"
            + " [1] or [2][3]. Do not list every document: the full list is shown below your answer. Answer in the"
            + " language of the question.";
    /** One document's passage in the prompt, at most. */
    static final int PASSAGE_CHARS = 600;

    private CollectionComposer() {}

    static Answer compose(String question, CollectionAnswers.Parts parts, AnswerRun run, Map<String, Number> timings,
            List<String> extraNotes, Checked checked) {
        return compose(question, parts, run, timings, extraNotes, checked, Map.of());
    }

    /**
     * @param described the model's description of some listed documents by their number
     *     ({@link DocumentBriefs}), given to it instead of their passage
     */
    static Answer compose(String question, CollectionAnswers.Parts parts, AnswerRun run, Map<String, Number> timings,
            List<String> extraNotes, Checked checked, Map<Integer, String> described) {
        Generator g = run.generator();
        run.onToken().accept(parts.header());
        run.onProgress().accept(new Progress(Progress.COMPOSE, 0, 1, "writing the answer from "
                + parts.count() + " document" + (parts.count() == 1 ? "" : "s") + "\u2026"));
        String tail = "\n\nQuestion: " + question.strip();
        int budget = g.contextSize() - run.answerTokens() - 32;
        List<ChatMessage> skeleton = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", "Documents:" + tail));
        int used = PromptFit.tokens(g, skeleton);
        StringBuilder sources = new StringBuilder("Documents:");
        int given = 0, highest = 0;
        for (Citation c : parts.citations()) {
            String about = described.get(c.id());
            String block = "\n\n[" + c.id() + "] " + c.title() + (about != null ? "\n" + PromptFit.head(about, PASSAGE_CHARS)
                    : (c.page() == null ? "" : ", page " + c.page()) + "\n" + PromptFit.head(c.snippet(), PASSAGE_CHARS));
            int cost = g.countTokens(block);
            if (used + cost > budget) break;
            sources.append(block);
            used += cost;
            given++;
            highest = c.id();
        }
        List<String> notes = new ArrayList<>(extraNotes);
        String text = parts.header() + parts.list();
        if (given == 0) {
            run.onToken().accept(parts.list());
            notes.add("the model's context (" + g.contextSize() + " tokens) has no room for a document; the list is the answer");
            return CollectionAnswers.answer(parts, text, "extractive", null, timings, notes, checked);
        }
        run.onToken().accept("\n\n");
        long t0 = System.nanoTime();
        long deadline = t0 + run.timeoutNanos();
        var messages = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", sources + tail));
        Completion c = g.chat(GenerationRequest.of(messages, run.answerTokens()), run.onToken(),
                () -> run.cancelled().getAsBoolean() || System.nanoTime() > deadline);
        run.onToken().accept("\n");
        run.onToken().accept(parts.list());
        CitationCheck.Result cited = CitationCheck.check(c.text().strip(), highest);
        notes.addAll(cited.notes().stream().filter(n -> !n.startsWith("the answer cites no source")).toList());
        switch (c.finishReason()) {
            case MAX_TOKENS -> notes.add("the model's sentences were cut off at " + c.generatedTokens() + " tokens");
            case CANCELLED -> notes.add(System.nanoTime() > deadline ? "the model's sentences were stopped at the time limit"
                    : "the answer was cancelled");
            default -> { }
        }
        timings.put("compose_ms", (System.nanoTime() - t0) / 1_000_000);
        timings.put("generated_tokens", c.generatedTokens());
        text = parts.header() + "\n\n" + cited.answer() + "\n" + parts.list();
        return CollectionAnswers.answer(parts, text, "generative", g.modelName(), timings, notes, checked);
    }
}
