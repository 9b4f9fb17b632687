package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.CitationCheck;
import dev.docent.assistant.answer.Coverage;
import dev.docent.assistant.answer.Progress;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Summarise employee-handbook.pdf" with a model: map-reduce over the whole document. Its chunks,
 * in order, are grouped into parts that fit the model's context with room for a part's summary;
 * each part is summarised on its own (map), then one summary is written from the part summaries,
 * citing them as [n], each citation the part's first passage with its page (reduce; a document of
 * one part needs no reduce). At most {@value #MAX_PARTS} parts are summarised (the note says how
 * much was left out), within the answer's time budget. Summaries are cached by content hash, model
 * and prompt version ({@link SummaryCache}), so the second request needs no model call.
 */
final class DocumentSummaries {

    /** Bump when a prompt below changes: cached summaries written with the old ones are not reused. */
    static final int PROMPT_VERSION = 1;
    static final int MAX_PARTS = 24;
    /** Longest summary of one part, in tokens (also bounded by {@code llm.max_answer_tokens}). */
    static final int PART_TOKENS = 160;

    static final String MAP_INSTRUCTIONS = "You summarise one part of a document from the user's collection. In two"
            + " or three sentences state its main points, using only the text given. Write in the language of the text.";
    static final String REDUCE_INSTRUCTIONS = "You write the summary of a whole document from the numbered summaries"
            + " of its parts, using only them. Write a short paragraph or a few bullet points; after each statement cite"
            + " the parts it comes from by number, like [1] or [2][3]. Write in the language of the parts.";

    private final Indexer indexer;
    private final SummaryCache cache;
    private final long budgetNanos;

    DocumentSummaries(Indexer indexer, SummaryCache cache, long budgetNanos) {
        this.indexer = indexer;
        this.cache = cache;
        this.budgetNanos = budgetNanos;
    }

    /** The summary of {@code doc}, streamed to {@code run}; empty when it has no text (the outline says so). */
    Optional<Answer> answer(Question q, DocumentRecord doc, AnswerRun run, Map<String, Number> timings) {
        long t0 = System.nanoTime();
        Generator g = run.generator();
        List<Hit> chunks = indexer.withIndex(index -> index.chunksOf(doc.path()));
        if (chunks.isEmpty()) return Optional.empty();
        String name = Path.of(doc.path()).getFileName().toString();
        String key = doc.sha256() == null ? null : SummaryCache.key(doc.sha256(), g.modelName(), g.contextSize(), PROMPT_VERSION);
        Optional<SummaryCache.Entry> cached = key == null ? Optional.empty() : cache.get(key);
        if (cached.isPresent() && fits(cached.get(), chunks)) {
            SummaryCache.Entry e = cached.get();
            String text = header(name, doc, g, e.parts().size()) + e.text();
            run.onToken().accept(text);
            timings.put("summary_cached", 1);
            timings.put("summary_parts", e.parts().size());
            timings.put("summary_ms", (System.nanoTime() - t0) / 1_000_000);
            List<String> notes = new ArrayList<>(e.notes());
            notes.add("summary read from the cache (written earlier by " + g.modelName() + " from this version of the document)");
            return Optional.of(answer(q, doc, chunks, e, text, g, timings, notes));
        }
        long deadline = t0 + budgetNanos;
        int partTokens = Math.max(16, Math.min(PART_TOKENS, run.answerTokens()));
        List<SummaryCache.Part> parts = SummaryParts.of(chunks, g, mapMessages(name, 99, 99, 9999, 9999, ""), partTokens);
        List<String> notes = new ArrayList<>();
        if (parts.size() > MAX_PARTS) {
            SummaryCache.Part last = parts.get(MAX_PARTS - 1);
            notes.add("the first " + MAX_PARTS + " of " + parts.size() + " parts were summarised"
                    + (last.lastPage() > 0 ? " (to page " + last.lastPage() + ")" : ""));
            parts = List.copyOf(parts.subList(0, MAX_PARTS));
        }
        boolean complete = true;
        List<String> summaries = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (run.cancelled().getAsBoolean() || System.nanoTime() > deadline) {
                notes.add((run.cancelled().getAsBoolean() ? "cancelled" : "stopped at the time budget") + " after "
                        + i + " of " + parts.size() + " parts");
                parts = List.copyOf(parts.subList(0, i));
                complete = false;
                break;
            }
            run.onProgress().accept(new Progress(Progress.SUMMARISE, i, parts.size(),
                    "summarising part " + (i + 1) + " of " + parts.size() + " of " + name + "\u2026"));
            Completion c = mapPart(g, name, chunks, parts.get(i), i, parts.size(), partTokens, run, deadline);
            if (c.finishReason() == Completion.FinishReason.CANCELLED) complete = false;
            summaries.add(c.text().strip());
        }
        timings.put("summary_parts", parts.size());
        timings.put("summary_map_ms", (System.nanoTime() - t0) / 1_000_000);
        if (parts.isEmpty()) {
            run.onToken().accept("No part of " + name + " was summarised.");
            return Optional.of(answer(q, doc, chunks, new SummaryCache.Entry("", List.of(), notes),
                    "No part of " + name + " was summarised.", g, timings, notes));
        }
        String header = header(name, doc, g, parts.size());
        run.onToken().accept(header);
        String body;
        if (parts.size() == 1) {
            body = summaries.getFirst() + " [1]";
            run.onToken().accept(body);
        } else {
            run.onProgress().accept(new Progress(Progress.COMPOSE, 0, 1, "writing the summary from " + parts.size() + " parts\u2026"));
            Completion c = reduce(g, name, parts, summaries, run);
            if (c.finishReason() == Completion.FinishReason.CANCELLED) complete = false;
            CitationCheck.Result checked = CitationCheck.check(c.text().strip(), parts.size());
            notes.addAll(checked.notes());
            body = checked.answer();
        }
        timings.put("summary_ms", (System.nanoTime() - t0) / 1_000_000);
        var entry = new SummaryCache.Entry(body, parts, List.copyOf(notes));
        if (complete && key != null) cache.put(key, entry); // a cut-short summary is not kept
        return Optional.of(answer(q, doc, chunks, entry, header + body, g, timings, notes));
    }

    /** Whether a cached entry's parts still point into this document's chunks (another chunking: they may not). */
    private static boolean fits(SummaryCache.Entry e, List<Hit> chunks) {
        return !e.parts().isEmpty() && e.parts().stream().allMatch(p -> p.chunk() >= 0 && p.chunk() < chunks.size());
    }

    private static String header(String name, DocumentRecord doc, Generator g, int parts) {
        return "Summary of " + name + (doc.pages() > 0 ? " (" + doc.pages() + (doc.pages() == 1 ? " page" : " pages") + ")" : "")
                + ", written by " + g.modelName() + " from " + parts + (parts == 1 ? " part" : " parts") + ":\n\n";
    }

    private Completion mapPart(Generator g, String name, List<Hit> chunks, SummaryCache.Part part, int i, int n,
            int partTokens, AnswerRun run, long deadline) {
        StringBuilder text = new StringBuilder();
        for (int c = part.chunk(); c < part.chunk() + part.chunks(); c++) {
            text.append(text.isEmpty() ? "" : "\n\n").append(chunks.get(c).text().strip());
        }
        var skeleton = mapMessages(name, i + 1, n, part.firstPage(), part.lastPage(), "");
        int room = g.contextSize() - partTokens - PromptFit.tokens(g, skeleton) - 8;
        var messages = mapMessages(name, i + 1, n, part.firstPage(), part.lastPage(), PromptFit.cut(text.toString(), g, room));
        long callDeadline = Math.min(deadline, System.nanoTime() + run.timeoutNanos());
        return g.chat(GenerationRequest.of(messages, partTokens), s -> {},
                () -> run.cancelled().getAsBoolean() || System.nanoTime() > callDeadline);
    }

    static List<ChatMessage> mapMessages(String name, int i, int n, int firstPage, int lastPage, String text) {
        String where = firstPage <= 0 ? "" : firstPage == lastPage ? ", page " + firstPage : ", pages " + firstPage + "\u2013" + lastPage;
        return List.of(new ChatMessage("system", MAP_INSTRUCTIONS),
                new ChatMessage("user", "Document: " + name + ", part " + i + " of " + n + where + "\n\n" + text));
    }

    private Completion reduce(Generator g, String name, List<SummaryCache.Part> parts, List<String> summaries, AnswerRun run) {
        String tail = "\n\nSummarise the whole of " + name + ".";
        int budget = g.contextSize() - run.answerTokens() - 32;
        var skeleton = List.of(new ChatMessage("system", REDUCE_INSTRUCTIONS), new ChatMessage("user", "Parts:" + tail));
        int used = PromptFit.tokens(g, skeleton);
        StringBuilder list = new StringBuilder("Parts:");
        for (int i = 0; i < parts.size(); i++) {
            SummaryCache.Part p = parts.get(i);
            String where = p.firstPage() <= 0 ? "" : p.firstPage() == p.lastPage() ? " (page " + p.firstPage() + ")"
                    : " (pages " + p.firstPage() + "\u2013" + p.lastPage() + ")";
            String block = "\n\n[" + (i + 1) + "]" + where + " " + summaries.get(i);
            int cost = g.countTokens(block);
            if (used + cost > budget) block = PromptFit.cut(block, g, budget - used);
            if (block.isEmpty()) break;
            list.append(block);
            used += g.countTokens(block);
        }
        var messages = List.of(new ChatMessage("system", REDUCE_INSTRUCTIONS), new ChatMessage("user", list + tail));
        long deadline = System.nanoTime() + run.timeoutNanos();
        return g.chat(GenerationRequest.of(messages, run.answerTokens()), run.onToken(),
                () -> run.cancelled().getAsBoolean() || System.nanoTime() > deadline);
    }

    private static Answer answer(Question q, DocumentRecord doc, List<Hit> chunks, SummaryCache.Entry e, String text,
            Generator g, Map<String, Number> timings, List<String> notes) {
        List<Citation> citations = new ArrayList<>();
        for (SummaryCache.Part p : e.parts()) citations.add(Citation.of(citations.size() + 1, chunks.get(p.chunk()), q));
        CollectionDocument listed = CollectionAnswers.document(new CollectionSearch.Match(doc, chunks.getFirst(), 1.0),
                citations.isEmpty() ? null : citations.getFirst());
        return new Answer(text, "generative", citations, g.modelName(), timings, List.copyOf(notes), true, 1.0,
                Answer.DOCUMENT, List.of(listed), new Coverage(1, 1, 1, ""));
    }
}
