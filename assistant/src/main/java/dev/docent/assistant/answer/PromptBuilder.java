package dev.docent.assistant.answer;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompts sent to the model. An answer's prompt is: fixed instructions (first, so consecutive
 * questions share a cached prefix), the earlier turns of the conversation that fit a third of the
 * room, then one user message with the numbered sources and the question. Sources are added in
 * rank order while they fit the model's context minus room for the answer; the first is cut to fit
 * if needed. The prompt that condenses a follow-up into a standalone query starts with the same
 * instructions and turns, so the answer that follows it finds them in the KV cache.
 */
final class PromptBuilder {

    static final String INSTRUCTIONS = """
            You answer questions using only the numbered sources provided, which are passages from the \
            user's own documents. After each sentence of your answer, cite the sources that support it \
            by number in square brackets, like [1] or [2][3]. If the sources do not contain the answer, \
            say plainly that the documents do not contain it; do not guess and do not use outside \
            knowledge. Be brief and answer in the language of the question.""";

    static final String CONDENSE = """
            Before answering: rewrite my next question as one standalone search query that names \
            what it refers to, using our conversation so far. Reply with the query only.

            Next question:""";

    /** The prompt and the hits it includes, numbered 1..n in order. */
    record Prompt(List<ChatMessage> messages, List<Hit> sources) {}

    private PromptBuilder() {}

    static Prompt build(String question, List<Hit> hits, Generator generator, int answerTokens) {
        return build(question, List.of(), hits, generator, answerTokens);
    }

    static Prompt build(String question, List<Turn> history, List<Hit> hits, Generator generator, int answerTokens) {
        int budget = generator.contextSize() - answerTokens - 32;
        String tail = "\n\nQuestion: " + question;
        List<ChatMessage> head = head(history, generator, budget / 3);
        var skeleton = new ArrayList<>(head);
        skeleton.add(new ChatMessage("user", "Sources:" + tail));
        int used = skeleton.stream().mapToInt(m -> generator.countTokens(m.content())).sum()
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
        var messages = new ArrayList<>(head);
        messages.add(new ChatMessage("user", sources + tail));
        return new Prompt(List.copyOf(messages), included);
    }

    /** The prompt asking the model to turn a follow-up into a standalone search query. */
    static List<ChatMessage> condense(String question, List<Turn> history, Generator generator, int budget) {
        var messages = new ArrayList<>(head(history, generator, budget / 2));
        messages.add(new ChatMessage("user", CONDENSE + " " + question));
        return List.copyOf(messages);
    }

    /**
     * The instructions and the latest turns that fit {@code tokens}, whole turns only, starting with
     * a user turn and ending with an assistant turn (chat templates expect the roles to alternate;
     * consecutive turns of one role are joined).
     */
    static List<ChatMessage> head(List<Turn> history, Generator generator, int tokens) {
        List<ChatMessage> turns = new ArrayList<>();
        for (Turn t : history) {
            if (!turns.isEmpty() && turns.getLast().role().equals(t.role())) {
                turns.set(turns.size() - 1, new ChatMessage(t.role(), turns.getLast().content() + "\n\n" + t.content()));
            } else {
                turns.add(new ChatMessage(t.role(), t.content()));
            }
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(Turn.USER)) turns.removeLast();
        int used = 0, from = turns.size();
        while (from > 0) {
            int cost = generator.countTokens(turns.get(from - 1).content()) + 8; // + the template's markers
            if (used + cost > tokens) break;
            used += cost;
            from--;
        }
        if (from < turns.size() && turns.get(from).role().equals(Turn.ASSISTANT)) from++;
        List<ChatMessage> out = new ArrayList<>();
        out.add(new ChatMessage("system", INSTRUCTIONS));
        out.addAll(turns.subList(from, turns.size()));
        return out;
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
