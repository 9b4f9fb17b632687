package dev.docent.assistant.collection;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's chunks, in order, grouped into the parts {@link DocumentSummaries} summarises one
 * call each: as many consecutive chunks as fit the model's context beside the part prompt and the
 * part's summary; a chunk too long for one part on its own is a part and is cut when prompted.
 */
final class SummaryParts {

    private SummaryParts() {}

    /**
     * Consecutive chunks grouped so that each group, with {@code emptyPrompt} (the part prompt
     * without its text) and a reply of {@code partTokens}, fits the context.
     */
    static List<SummaryCache.Part> of(List<Hit> chunks, Generator g, List<ChatMessage> emptyPrompt, int partTokens) {
        int room = g.contextSize() - partTokens - PromptFit.tokens(g, emptyPrompt) - 16;
        List<SummaryCache.Part> parts = new ArrayList<>();
        int start = 0, used = 0;
        for (int i = 0; i < chunks.size(); i++) {
            int cost = g.countTokens("\n\n" + chunks.get(i).text());
            if (i > start && used + cost > room) {
                parts.add(part(chunks, start, i));
                start = i;
                used = 0;
            }
            used += cost;
        }
        parts.add(part(chunks, start, chunks.size()));
        return parts;
    }

    private static SummaryCache.Part part(List<Hit> chunks, int from, int to) {
        int first = 0, last = 0;
        for (int i = from; i < to; i++) {
            int p = chunks.get(i).page();
            if (p <= 0) continue;
            if (first == 0 || p < first) first = p;
            last = Math.max(last, p);
        }
        return new SummaryCache.Part(from, to - from, first, last);
    }

}
