package dev.docent.assistant.collection;

import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Checked;
import dev.docent.assistant.answer.Progress;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.Sampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The map step of a collection answer with a model: each candidate document that matched by its
 * text (a paraphrase within the cosine threshold, or terms that must occur) is put to the model as
 * one yes/no question, the request and the document's best passage in a bounded prompt. A clear
 * "no" drops the document; yes and anything else keep it ({@link YesNo}). Bounded: at most
 * {@code maxDocuments} are asked about, within {@code budgetNanos}, and the answer's cancel stops
 * it; the rest are kept unchecked. The request comes before the document in the prompt, so a local
 * model finds the shared beginning in its KV cache from the second candidate on.
 */
final class CandidateCheck {

    static final String INSTRUCTIONS = "You decide whether one document from the user's collection matches the"
            + " user's request. Reply with one word: yes or no.";
    /** A one-word reply; a longer one is read by its first word anyway. */
    static final int REPLY_TOKENS = 3;
    /** The passage shown per document, at most (before fitting it to the context). */
    static final int PASSAGE_CHARS = 1200;

    /** The kept candidates (in their order) and what the check did. */
    record Outcome(List<CollectionSearch.Match> kept, Checked checked, List<String> notes) {}

    private CandidateCheck() {}

    static Outcome check(String request, List<CollectionSearch.Match> candidates, AnswerRun run, int maxDocuments,
            long budgetNanos, Map<String, Number> timings) {
        Generator g = run.generator();
        long t0 = System.nanoTime();
        long deadline = t0 + budgetNanos;
        int toCheck = Math.min(maxDocuments, candidates.size());
        List<CollectionSearch.Match> kept = new ArrayList<>();
        List<Checked.Dropped> dropped = new ArrayList<>();
        int checked = 0, unsure = 0;
        String stopped = null;
        for (int i = 0; i < candidates.size(); i++) {
            CollectionSearch.Match m = candidates.get(i);
            if (i >= toCheck || stopped != null) {
                kept.add(m);
                continue;
            }
            if (run.cancelled().getAsBoolean()) stopped = "the answer was cancelled";
            else if (System.nanoTime() > deadline) stopped = "the time budget ran out";
            if (stopped != null) {
                kept.add(m);
                continue;
            }
            run.onProgress().accept(new Progress(Progress.CHECK, i, toCheck,
                    "checking " + (i + 1) + " of " + toCheck + " documents\u2026"));
            String reply = ask(g, request, m, run, deadline);
            if (reply == null) { // stopped, or no room for the document: kept, not checked
                kept.add(m);
                if (run.cancelled().getAsBoolean()) stopped = "the answer was cancelled";
                else if (System.nanoTime() > deadline) stopped = "the time budget ran out";
                continue;
            }
            checked++;
            switch (YesNo.parse(reply)) {
                case NO -> dropped.add(new Checked.Dropped(m.record().path(), title(m.record()), reply.strip()));
                case YES -> kept.add(m);
                case UNSURE -> {
                    unsure++;
                    kept.add(m);
                }
            }
        }
        run.onProgress().accept(new Progress(Progress.CHECK, checked, toCheck, "checked " + checked + " of "
                + candidates.size() + " documents, kept " + kept.size()));
        timings.put("check_ms", (System.nanoTime() - t0) / 1_000_000);
        timings.put("checked_documents", checked);
        int unchecked = candidates.size() - checked;
        List<String> notes = new ArrayList<>();
        notes.add("a language model (" + g.modelName() + ") checked " + checked + " of " + candidates.size()
                + " matching documents one by one and dropped " + dropped.size()
                + (unsure > 0 ? "; " + unsure + " unclear repl" + (unsure == 1 ? "y kept its document" : "ies kept their documents") : "")
                + (dropped.isEmpty() ? "" : " (dropped: " + String.join(", ", dropped.stream().limit(10)
                        .map(d -> Path.of(d.path()).getFileName().toString()).toList()) + (dropped.size() > 10 ? ", …" : "") + ")"));
        if (unchecked > 0) {
            notes.add(unchecked + " document" + (unchecked == 1 ? " was" : "s were") + " kept without a check ("
                    + (stopped != null ? stopped : candidates.size() > maxDocuments ? "at most " + maxDocuments + " are checked"
                    : "too long for the model's context") + ")");
        }
        var summary = new Checked(candidates.size(), checked, kept.size(), unsure, unchecked, List.copyOf(dropped),
                g.modelName());
        return new Outcome(List.copyOf(kept), summary, notes);
    }

    /** The model's reply for one candidate, or null when it could not be asked or was stopped. */
    private static String ask(Generator g, String request, CollectionSearch.Match m, AnswerRun run, long deadline) {
        String head = "Request: " + request.strip() + "\n\nDocument: " + title(m.record()) + " ("
                + Path.of(m.record().path()).getFileName() + ")\n";
        String tail = "\n\nDoes this document match the request? Reply yes or no.";
        String passage = m.passage() == null ? "" : PromptFit.head(m.passage().text(), PASSAGE_CHARS);
        List<ChatMessage> skeleton = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", head + tail));
        int room = g.contextSize() - REPLY_TOKENS - PromptFit.tokens(g, skeleton) - 8;
        passage = PromptFit.cut(passage, g, room);
        if (room <= 0) return null;
        var messages = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", head + passage + tail));
        var question = GenerationRequest.of(messages, REPLY_TOKENS).withSampling(Sampling.GREEDY).withStop(List.of("\n"));
        Completion c;
        try {
            c = g.chat(question, s -> {}, () -> run.cancelled().getAsBoolean() || System.nanoTime() > deadline);
        } catch (IllegalArgumentException tooLong) { // the tokenizer counted more than the estimate
            return null;
        }
        if (c.finishReason() == Completion.FinishReason.CANCELLED) return null;
        return c.text();
    }

    static String title(DocumentRecord d) {
        return d.title() == null || d.title().isBlank() ? Path.of(d.path()).getFileName().toString() : d.title().strip();
    }
}
