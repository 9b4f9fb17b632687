package dev.docent.retriever.analysis;

import java.util.Optional;

/**
 * Tells which {@link Language} a text is in. CJK is told by script (share of Han, Kana and Hangul
 * letters); English, German and French by which language's stop words the text uses most. A chunk
 * of a few hundred words holds dozens of stop words, so the vote is clear, and the detector needs no
 * model, reads nothing and runs in microseconds; a text with too few stop words is undecided.
 */
public final class LanguageDetector {

    /** At least this share of letters in CJK scripts makes a text CJK (Chinese prose is nearly all Han). */
    private static final double CJK_SHARE = 0.3;
    /** Fewer stop words than this (e.g. a title, a table of numbers) decide nothing. */
    private static final int MIN_STOP_WORDS = 3;
    /** The winner must have this many times the runner-up's stop words (they share "a", "on", "de"...). */
    private static final double MARGIN = 1.5;
    /** Enough text to decide; longer texts are sampled from their start. */
    private static final int SAMPLE_CHARS = 20_000;

    private LanguageDetector() {}

    /** The language of {@code text}, or empty when the text does not say clearly. */
    public static Optional<Language> detect(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        int letters = 0, cjk = 0;
        for (int i = 0; i < sample.length(); ) {
            int cp = sample.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            if (isCjk(cp)) cjk++;
        }
        if (letters == 0) return Optional.empty();
        if (cjk >= CJK_SHARE * letters) return Optional.of(Language.CJK);

        Language[] candidates = {Language.ENGLISH, Language.GERMAN, Language.FRENCH};
        int[] counts = new int[candidates.length];
        for (String word : sample.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.isEmpty()) continue;
            for (int c = 0; c < candidates.length; c++) {
                if (candidates[c].stopWords().contains(word)) counts[c]++;
            }
        }
        int best = 0, second = -1;
        for (int c = 1; c < candidates.length; c++) {
            if (counts[c] > counts[best]) {
                second = best;
                best = c;
            } else if (second < 0 || counts[c] > counts[second]) {
                second = c;
            }
        }
        if (counts[best] < MIN_STOP_WORDS || counts[best] < MARGIN * counts[second]) return Optional.empty();
        return Optional.of(candidates[best]);
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript s = Character.UnicodeScript.of(codePoint);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
