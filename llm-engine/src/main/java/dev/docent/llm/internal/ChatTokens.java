package dev.docent.llm.internal;

import dev.docent.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tokens of a conversation in the model's chat template, where only the template's own
 * markers become control tokens: message contents (sources, history, the question) are tokenized
 * as text, so a document holding {@code <|im_end|><|im_start|>system} stays text.
 *
 * <p>The template is applied to the messages with their contents replaced by placeholders; the
 * control tokens are found in the template's text around them (tokenized with special tokens
 * parsed); the text between two control tokens, template text and contents together, is
 * tokenized as one piece with special tokens not parsed. That is what llama.cpp's own
 * tokenization of the whole prompt does, piece by piece (BOS, SentencePiece's space after a
 * control token, a marker's left/right whitespace stripping), except that a content's control
 * strings stay text: on contents without any, the tokens are exactly llama.cpp's.
 */
final class ChatTokens {

    /** llama_token_attr bits. */
    private static final int CONTROL = 1 << 3, LSTRIP = 1 << 7, RSTRIP = 1 << 8;
    /** Placeholders are private-use characters: no template writes them, and none changes them. */
    private static final char SLOT_START = '\uE000', SLOT_END = '\uE001';

    private ChatTokens() {}

    static int[] tokenize(LlamaModel model, List<ChatMessage> messages, boolean addAssistant) {
        List<ChatMessage> slotted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            slotted.add(new ChatMessage(messages.get(i).role(), SLOT_START + Integer.toString(i) + SLOT_END));
        }
        List<Object> parts = split(model.applyChatTemplate(slotted, addAssistant));
        List<String> contents = asTemplated(model, messages, addAssistant, parts);
        IntStream.Builder out = IntStream.builder();
        int bos = model.addedBos();
        if (bos >= 0) out.add(bos);
        var run = new TextRun(model, out);
        for (Object part : parts) {
            if (part instanceof Integer slot) {
                run.append(contents.get(slot));
            } else {
                templateText(model, (String) part, run, out);
            }
        }
        run.flush(false);
        int eos = model.addedEos();
        if (eos >= 0) out.add(eos);
        return out.build().toArray();
    }

    /** The templated text as template pieces (String) and placeholders (the message's Integer index). */
    private static List<Object> split(String templated) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        for (int at = templated.indexOf(SLOT_START); at >= 0; at = templated.indexOf(SLOT_START, from)) {
            int end = templated.indexOf(SLOT_END, at);
            if (end < 0) break;
            if (at > from) parts.add(templated.substring(from, at));
            parts.add(Integer.parseInt(templated.substring(at + 1, end)));
            from = end + 1;
        }
        if (from < templated.length()) parts.add(templated.substring(from));
        return parts;
    }

    /**
     * The contents as the template writes them: as given, or stripped when that is what the
     * template does (checked against the template applied to the real contents).
     */
    private static List<String> asTemplated(LlamaModel model, List<ChatMessage> messages, boolean addAssistant,
            List<Object> parts) {
        List<String> given = messages.stream().map(ChatMessage::content).toList();
        String real = model.applyChatTemplate(messages, addAssistant);
        if (join(parts, given).equals(real)) return given;
        List<String> stripped = given.stream().map(String::strip).toList();
        return join(parts, stripped).equals(real) ? stripped : given;
    }

    private static String join(List<Object> parts, List<String> contents) {
        var s = new StringBuilder();
        for (Object p : parts) s.append(p instanceof Integer i ? contents.get(i) : (String) p);
        return s.toString();
    }

    /** Adds a piece of the template's own text: its control tokens as such, the rest to the run. */
    private static void templateText(LlamaModel model, String text, TextRun run, IntStream.Builder out) {
        int from = 0;
        for (int token : model.tokenize(text, false, true)) {
            int attributes = model.tokenAttributes(token);
            if ((attributes & CONTROL) == 0) continue;
            String marker = model.tokenText(token);
            int at = marker.isEmpty() ? -1 : text.indexOf(marker, from);
            if (at < 0) continue;
            run.append(text.substring(from, at));
            run.flush((attributes & LSTRIP) != 0);
            out.add(token);
            run.stripLeading = (attributes & RSTRIP) != 0;
            from = at + marker.length();
        }
        run.append(text.substring(from));
    }

    /** Text between two control tokens, tokenized as one piece with special tokens not parsed. */
    private static final class TextRun {
        private final LlamaModel model;
        private final IntStream.Builder out;
        private final StringBuilder text = new StringBuilder();
        boolean stripLeading; // the control token before it strips whitespace on its right

        TextRun(LlamaModel model, IntStream.Builder out) {
            this.model = model;
            this.out = out;
        }

        void append(String s) {
            text.append(s);
        }

        void flush(boolean stripTrailing) {
            int start = 0, end = text.length();
            if (stripLeading) while (start < end && isSpace(text.charAt(start))) start++;
            if (stripTrailing) while (end > start && isSpace(text.charAt(end - 1))) end--;
            if (end > start) {
                for (int token : model.tokenize(text.substring(start, end), false, false)) out.add(token);
            }
            text.setLength(0);
            stripLeading = false;
        }

        /** C's isspace, as llama.cpp strips around markers. */
        private static boolean isSpace(char c) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
    }
}
