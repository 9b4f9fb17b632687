package dev.docent.web.answer;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt for a generated answer: fixed instructions (first, so consecutive questions share a
 * cached prefix), then the numbered sources, then the question. Sources are added in rank order
 * while they fit the model's context minus room for the answer; the first is cut to fit if needed.
 */
final class PromptBuilder {

    static final String INSTRUCTIONS = """
            You answer questions using only the numbered sources provided, which are passages from the \
            user's own documents. After each sentence of your answer, cite the sources that support it \
            by number in square brackets, like [1] or [2][3]. If the sources do not contain the answer, \
            say plainly that the documents do not contain it; do not guess and do not use outside \
            knowledge. Be brief and answer in the language of the question.""";

    /** The prompt and the hits it includes, numbered 1..n in order. */
    record Prompt(List<ChatMessage> messages, List<Hit> sources) {}

    private PromptBuilder() {}

    static Prompt build(String question, List<Hit> hits, Generator generator, int answerTokens) {
        int budget = generator.contextSize() - answerTokens - 32;
        String tail = "\n\nQuestion: " + question;
        var skeleton = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", "Sources:" + tail));
        int used = generator.countTokens(INSTRUCTIONS) + generator.countTokens("Sources:" + tail)
                + generator.templateOverhead(skeleton);
        List<Hit> included = new ArrayList<>();
        StringBuilder sources = new StringBuilder("Sources:");
        for (Hit h : hits) {
            String block = "\n\n" + source(included.size() + 1, h, h.text());
            int cost = generator.countTokens(block);
            if (used + cost > budget) {
                if (!included.isEmpty()) break;
                int header = generator.countTokens("\n\n" + source(1, h, "")) + 4; // + the cut mark
                block = "\n\n" + source(1, h, cut(h.text(), generator, budget - used - header));
                cost = generator.countTokens(block);
                if (used + cost > budget) break;
            }
            sources.append(block);
            used += cost;
            included.add(h);
        }
        var messages = List.of(new ChatMessage("system", INSTRUCTIONS), new ChatMessage("user", sources + tail));
        return new Prompt(messages, included);
    }

    private static String source(int n, Hit h, String text) {
        StringBuilder sb = new StringBuilder("[").append(n).append("] ").append(Path.of(h.path()).getFileName());
        if (h.page() > 0) sb.append(", page ").append(h.page());
        if (!h.heading().isEmpty()) sb.append(" \u2014 ").append(h.heading());
        return sb.append('\n').append(text).toString();
    }

    /** The longest prefix of {@code text} (at a word boundary) within {@code tokens}. */
    private static String cut(String text, Generator g, int tokens) {
        if (tokens <= 0) return "";
        int lo = 0, hi = text.length();
        while (lo < hi) { // binary search on characters
            int mid = (lo + hi + 1) / 2;
            if (g.countTokens(text.substring(0, mid)) <= tokens) lo = mid;
            else hi = mid - 1;
        }
        int space = text.lastIndexOf(' ', lo);
        return text.substring(0, space > 0 ? space : lo) + " \u2026";
    }
}
