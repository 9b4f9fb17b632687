package dev.docent.assistant.collection;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Generator;
import java.util.List;

/** Fitting text into a model's context: the prompts of checks, compositions and summaries are bounded by it. */
final class PromptFit {

    private PromptFit() {}

    /** Tokens {@code messages} take in {@code g}'s context, the chat template's markers included. */
    static int tokens(Generator g, List<ChatMessage> messages) {
        int n = g.templateOverhead(messages);
        for (ChatMessage m : messages) n += g.countTokens(m.content());
        return n;
    }

    /** The longest prefix of {@code text} (at a word boundary) within {@code tokens}, marked as cut; "" if none fits. */
    static String cut(String text, Generator g, int tokens) {
        if (tokens <= 0) return "";
        if (g.countTokens(text) <= tokens) return text;
        int lo = 0, hi = text.length();
        while (lo < hi) { // binary search on characters
            int mid = (lo + hi + 1) / 2;
            if (g.countTokens(text.substring(0, mid)) + 2 <= tokens) lo = mid;
            else hi = mid - 1;
        }
        if (lo == 0) return "";
        int space = text.lastIndexOf(' ', lo);
        return text.substring(0, space > lo / 2 ? space : lo) + " \u2026";
    }

    /** {@code text}'s first {@code chars} characters, cut at a space: a cheap bound before counting tokens. */
    static String head(String text, int chars) {
        String t = text.strip();
        if (t.length() <= chars) return t;
        int space = t.lastIndexOf(' ', chars);
        return t.substring(0, space > chars / 2 ? space : chars) + " \u2026";
    }
}
