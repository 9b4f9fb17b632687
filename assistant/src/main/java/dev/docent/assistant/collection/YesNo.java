package dev.docent.assistant.collection;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a model's reply to a yes/no question by its first word, in the languages Docent answers
 * in and a few more: small models reply "Yes.", "**No**", "ja", "Oui, …", or something else
 * entirely. Only a clear no drops a document; anything that is not clearly yes or no is
 * {@link Verdict#UNSURE}, which keeps it (a weak model must not lose documents silently).
 */
final class YesNo {

    enum Verdict { YES, NO, UNSURE }

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "true", "correct", "ja", "jawohl", "jep",
            "oui", "si", "sí", "sim", "tak", "да", "はい", "是");
    private static final Set<String> NO = Set.of("no", "nope", "false", "nein", "nee", "non", "não", "nao", "nie",
            "нет", "いいえ", "否");

    private YesNo() {}

    /**
     * The verdict of {@code reply}'s first word (leading punctuation, quotes and Markdown marks aside).
     * Single letters ("N/A", "Y") are not read as answers.
     */
    static Verdict parse(String reply) {
        if (reply == null) return Verdict.UNSURE;
        String word = firstWord(reply);
        if (YES.contains(word)) return Verdict.YES;
        if (NO.contains(word)) return Verdict.NO;
        return Verdict.UNSURE;
    }

    /** The first run of letters, lower-cased ("" if there is none). */
    static String firstWord(String reply) {
        int i = 0, n = reply.length();
        while (i < n && !Character.isLetter(reply.codePointAt(i))) i += Character.charCount(reply.codePointAt(i));
        int start = i;
        while (i < n && Character.isLetter(reply.codePointAt(i))) i += Character.charCount(reply.codePointAt(i));
        return reply.substring(start, i).toLowerCase(Locale.ROOT);
    }
}
