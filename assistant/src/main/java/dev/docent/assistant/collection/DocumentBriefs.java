package dev.docent.assistant.collection;

import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.Progress;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "What is in the contracts folder?" with a model: the map step over the folder's documents. Each
 * listed document (the first {@value #MAX_DOCUMENTS}, in the list's order) is described in one or
 * two sentences by the model from its opening: its chunks in order, as many as fit the context
 * with room for the reply (the first part {@link SummaryParts} would cut). A description is
 * cached by the document's content hash, the model and its context ({@link SummaryCache}, under a
 * key of its own), so asking again costs the composition only. {@link CollectionComposer} then
 * writes from these descriptions instead of one passage per document (the reduce). Progress is
 * reported before each document; a cancel or the time budget stops between two documents, and
 * the rest are composed from their passage, as the note says.
 */
final class DocumentBriefs {

    /** Bump when the prompt changes: descriptions written with the old one are not reused. */
    static final int PROMPT_VERSION = 1;
    static final int MAX_DOCUMENTS = 12;
    /** Longest description, in tokens (also bounded by {@code llm.max_answer_tokens}). */
    static final int BRIEF_TOKENS = 96;
    static final String INSTRUCTIONS = "You describe one document from the user's collection in one or two sentences:"
            + " what it is and its main points, using only the text given. Write in the language of the text.";

    /**
     * @param texts the description of each described document, by its number in the list ([n])
     * @param written how many the model wrote now
     * @param cached how many came from the cache
     * @param notes what the user should know (documents left undescribed)
     */
    record Outcome(Map<Integer, String> texts, int written, int cached, List<String> notes) {}

    private final Indexer indexer;
    private final SummaryCache cache;
    private final long budgetNanos;

    DocumentBriefs(Indexer indexer, SummaryCache cache, long budgetNanos) {
        this.indexer = indexer;
        this.cache = cache;
        this.budgetNanos = budgetNanos;
    }

    /** Describes the listed documents {@code parts} cites, in order, within the budget. */
    Outcome describe(CollectionAnswers.Parts parts, AnswerRun run, Map<String, Number> timings) {
        long t0 = System.nanoTime();
        long deadline = t0 + budgetNanos;
        Generator g = run.generator();
        List<Citation> listed = parts.citations().subList(0, Math.min(MAX_DOCUMENTS, parts.citations().size()));
        Map<Integer, String> texts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int written = 0, cached = 0;
        int tokens = Math.max(16, Math.min(BRIEF_TOKENS, run.answerTokens()));
        for (int i = 0; i < listed.size(); i++) {
            if (run.cancelled().getAsBoolean() || System.nanoTime() > deadline) {
                notes.add((run.cancelled().getAsBoolean() ? "cancelled" : "stopped at the time budget") + " after describing "
                        + i + " of " + listed.size() + " documents; the others are given to the model by one passage each");
                break;
            }
            Citation c = listed.get(i);
            String name = Path.of(c.path()).getFileName().toString();
            run.onProgress().accept(new Progress(Progress.SUMMARISE, i, listed.size(),
                    "summarising " + (i + 1) + " of " + listed.size() + " documents: " + name + "\u2026"));
            Optional<DocumentRecord> doc = indexer.document(c.path());
            String key = doc.map(DocumentRecord::sha256)
                    .map(sha -> SummaryCache.key(sha, g.modelName() + "\nbrief", g.contextSize(), PROMPT_VERSION)).orElse(null);
            Optional<SummaryCache.Entry> hit = key == null ? Optional.empty() : cache.get(key);
            if (hit.isPresent()) {
                texts.put(c.id(), hit.get().text());
                cached++;
                continue;
            }
            List<Hit> chunks = indexer.withIndex(index -> index.chunksOf(c.path()));
            if (chunks.isEmpty()) continue; // left the index meanwhile: its passage stands
            Completion out = describe(g, name, chunks, tokens, run, deadline);
            String text = out.text().strip();
            if (text.isEmpty()) continue;
            texts.put(c.id(), text);
            written++;
            if (key != null && out.finishReason() != Completion.FinishReason.CANCELLED) {
                cache.put(key, new SummaryCache.Entry(text, List.of(), List.of()));
            }
        }
        if (parts.citations().size() > listed.size()) {
            notes.add("the first " + listed.size() + " of " + parts.count() + " documents were described by the model");
        }
        timings.put("briefs_written", written);
        timings.put("briefs_cached", cached);
        timings.put("briefs_ms", (System.nanoTime() - t0) / 1_000_000);
        return new Outcome(texts, written, cached, notes);
    }

    private static Completion describe(Generator g, String name, List<Hit> chunks, int tokens, AnswerRun run, long deadline) {
        SummaryCache.Part opening = SummaryParts.of(chunks, g, messages(name, ""), tokens).getFirst();
        StringBuilder text = new StringBuilder();
        for (int c = opening.chunk(); c < opening.chunk() + opening.chunks(); c++) {
            text.append(text.isEmpty() ? "" : "\n\n").append(chunks.get(c).text().strip());
        }
        int room = g.contextSize() - tokens - PromptFit.tokens(g, messages(name, "")) - 8;
        long callDeadline = Math.min(deadline, System.nanoTime() + run.timeoutNanos());
        return g.chat(GenerationRequest.of(messages(name, PromptFit.cut(text.toString(), g, room)), tokens), s -> {},
                () -> run.cancelled().getAsBoolean() || System.nanoTime() > callDeadline);
    }

    static List<ChatMessage> messages(String name, String text) {
        return List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", "Document: " + name + "\n\n" + text));
    }
}
