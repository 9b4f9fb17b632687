package dev.docent.assistant.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Sentence splitting and a plain word-overlap score for picking quotable sentences. */
final class Sentences {

    private static final Set<String> STOP = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "for", "from",
            "has", "have", "how", "i", "in", "is", "it", "its", "many", "much", "of", "on", "or", "our",
            "s", "should", "that", "the", "their", "there", "this", "to", "was", "we", "what", "when",
            "where", "which", "who", "why", "will", "with", "you", "your");

    private Sentences() {}

    /** Sentences of a passage; a paragraph break (blank line) always ends a sentence. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
            it.setText(paragraph);
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = paragraph.substring(start, end).replaceAll("\\s+", " ").strip();
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    /**
     * Lower-cased content words, with a crude plural/suffix strip so "days" meets "day". Chinese and
     * Japanese are written without spaces, so a run of Han or Kana gives its overlapping character
     * pairs instead (as BM25's CJK analysis does): "收到订单" meets "订单".
     */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty() || STOP.contains(w)) continue;
            if (CJK_RUN.matcher(w).find()) {
                addCjkPairs(w, out);
                continue;
            }
            out.add(stem(w));
        }
        return out;
    }

    private static final java.util.regex.Pattern CJK_RUN =
            java.util.regex.Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]+");

    /** CJK runs of {@code word} as character pairs (a lone character as itself), other letters as one word. */
    private static void addCjkPairs(String word, Set<String> out) {
        var m = CJK_RUN.matcher(word);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) out.add(stem(word.substring(last, m.start())));
            String run = m.group();
            if (run.length() == 1) out.add(run);
            for (int i = 0; i + 2 <= run.length(); i++) out.add(run.substring(i, i + 2));
            last = m.end();
        }
        if (last < word.length()) out.add(stem(word.substring(last)));
    }

    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }

    /**
     * "how much/many/long…", a leading "when", "what time/date/year", or a word naming an amount; and
     * the same few in German ("wie viel", "wann"), French ("combien", "quand"); not Chinese, which
     * writes its numbers in characters more often than in digits.
     */
    private static final java.util.regex.Pattern ASKS_FOR_NUMBER = java.util.regex.Pattern.compile(
            "^\\s*when\\b|\\bhow (much|many|long|far|often|big|large|old|quickly|fast|soon)\\b"
            + "|\\bwhat (time|date|year)\\b|\\b(price|cost|rent|budget|rate|percent|size|capacity|number)\\b"
            + "|\\bwie (viel|viele|lange|hoch|oft)\\b|^\\s*wann\\b|\\bcombien\\b|^\\s*quand\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** Whether the question asks for a quantity, a date or a time (its answer holds a number). */
    static boolean asksForNumber(String question) {
        return ASKS_FOR_NUMBER.matcher(question).find();
    }

    /** Whether the sentence holds a number the question does not (so "PK-3" in both does not count). */
    static boolean hasNewNumber(Set<String> sentenceWords, Set<String> questionWords) {
        for (String w : sentenceWords) {
            if (!questionWords.contains(w) && w.chars().anyMatch(Character::isDigit)) return true;
        }
        return false;
    }

    /** Fraction of the question's content words that the sentence contains. */
    static double overlap(Set<String> question, String sentence) {
        return overlap(question, words(sentence));
    }

    /** As {@link #overlap(Set, String)} for a sentence already split into words. */
    static double overlap(Set<String> question, Set<String> s) {
        if (question.isEmpty()) return 0;
        long shared = question.stream().filter(s::contains).count();
        return shared / (double) question.size();
    }
}
