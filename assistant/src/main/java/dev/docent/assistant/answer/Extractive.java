package dev.docent.assistant.answer;

import dev.docent.retriever.Hit;
import dev.docent.retriever.Relevance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Extractive answers: without a language model, the answer quotes the sentence of each of the
 * best passages that shares most words with the question. In a conversation the words of the
 * previous question count too, at half weight, so "And E-88?" after "What does E-42 mean?" quotes
 * the line about E-88 and not the one about E-42.
 */
final class Extractive {

    /** How many of the retrieved passages an extractive answer quotes. */
    private static final int QUOTED = 3;
    static final int SNIPPET_CHARS = 420;
    private static final double CONTEXT_WEIGHT = 0.5;

    private Extractive() {}

    /** What to quote for: the question's words, the conversation's words, whether a number is wanted. */
    record Focus(Set<String> question, Set<String> context, boolean wantsNumber) {

        static Focus of(Question q) {
            Set<String> words = Sentences.words(q.text());
            List<String> earlier = q.earlierQuestions();
            if (earlier.isEmpty()) return new Focus(words, Set.of(), Sentences.asksForNumber(q.text()));
            String previous = earlier.getFirst();
            // "And for part-timers?" asks what the previous question asked, of something else.
            boolean elliptical = words.size() < 4;
            return new Focus(words, Sentences.words(previous),
                    Sentences.asksForNumber(q.text()) || (elliptical && Sentences.asksForNumber(previous)));
        }

        double score(Set<String> sentenceWords) {
            double s = Sentences.overlap(question, sentenceWords);
            return context.isEmpty() ? s : s + CONTEXT_WEIGHT * Sentences.overlap(context, sentenceWords);
        }
    }

    /** @param found false when retrieval found only weak matches: the answer says so, then quotes them */
    static Answer answer(Focus focus, List<Hit> hits, boolean found, Consumer<String> onToken, Map<String, Number> timings) {
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder(hits.isEmpty()
                ? "Nothing in the indexed documents matches this question."
                : !found
                ? "The indexed documents do not seem to contain the answer. The closest passages, only weakly related:\n"
                : "No language model is configured, so here are the most relevant passages, quoted:\n");
        List<String> quoted = new ArrayList<>();
        double firstScore = 0;
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            String best = bestQuote(h.text(), focus);
            double score = focus.score(Sentences.words(best));
            if (i == 0) firstScore = score;
            citations.add(citation(i + 1, h, snippet(h.text(), best)));
            // The best passage is always quoted; the next ones only if they share about as much
            // with the question, so weakly related text does not pad the answer.
            boolean relevant = i == 0 || (score > 0 && score >= 0.75 * firstScore);
            if (i < QUOTED && relevant && !quoted.contains(best)) {
                quoted.add(best);
                text.append("\n\u2022 \u201c").append(best).append("\u201d [").append(i + 1).append(']');
            }
        }
        String answer = text.toString();
        for (String piece : answer.split("(?<= )")) {
            onToken.accept(piece);
        }
        return new Answer(answer, "extractive", citations, null, timings, List.of(), found, 0);
    }

    static Citation citation(int id, Hit h, String snippet) {
        return new Citation(id, h.path(), h.title(), h.page() == 0 ? null : h.page(), h.heading(), snippet,
                Math.round(Relevance.of(h) * 1000) / 1000.0, h.startOffset(), h.endOffset());
    }

    static String bestQuote(String passage, Set<String> questionWords, boolean wantsNumber) {
        return bestQuote(passage, new Focus(questionWords, Set.of(), wantsNumber));
    }

    /**
     * The sentence that shares most words with the question, with its successor if it is a mere
     * label. When the question asks for a quantity or a date, sentences holding a number are
     * preferred: "How much does it weigh?" is answered by "It weighs 340 kg", not by the sentence
     * that repeats the product's name.
     */
    static String bestQuote(String passage, Focus focus) {
        List<String> sentences = Sentences.split(passage);
        if (sentences.isEmpty()) return passage;
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> words = Sentences.words(sentences.get(i)); // split once, used twice
            double s = focus.score(words);
            // A number only counts in a sentence about the question itself: after "How many days of
            // leave?", "And part-timers?" wants the part-time sentence, not the one with "27 days".
            boolean onTopic = focus.question().isEmpty() ? s > 0 : Sentences.overlap(focus.question(), words) > 0;
            if (focus.wantsNumber() && onTopic && Sentences.hasNewNumber(words, focus.question())) s += 0.6;
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        String quote = sentences.get(best);
        if (quote.length() < 40 && best + 1 < sentences.size()) { // e.g. "E-42: lidar obstruction."
            quote = quote + " " + sentences.get(best + 1);
        }
        return quote.length() > SNIPPET_CHARS ? quote.substring(0, SNIPPET_CHARS) + "\u2026" : quote;
    }

    /** Up to SNIPPET_CHARS of the passage, positioned so the quoted sentence is visible. */
    static String snippet(String passage, String quote) {
        if (passage.length() <= SNIPPET_CHARS) return passage;
        int at = Math.max(0, passage.indexOf(quote.endsWith("\u2026") ? quote.substring(0, 40) : quote));
        int start = Math.max(0, Math.min(at - 60, passage.length() - SNIPPET_CHARS));
        int end = Math.min(passage.length(), start + SNIPPET_CHARS);
        return (start > 0 ? "\u2026" : "") + passage.substring(start, end) + (end < passage.length() ? "\u2026" : "");
    }
}
