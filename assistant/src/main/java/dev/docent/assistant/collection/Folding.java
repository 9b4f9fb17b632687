package dev.docent.assistant.collection;

import java.text.Normalizer;

/**
 * Lower case without accents, one character for one, so that a pattern written once ("fevrier",
 * "geandert", "apres") matches every spelling and a match's indices point at the same phrase in
 * the original question (from which names such as a folder's are taken with their real spelling).
 */
final class Folding {

    private Folding() {}

    /** The NFC form every index in this package refers to. */
    static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** {@code text} (NFC) lower-cased, accents dropped, curly apostrophes and odd spaces made plain; same length. */
    static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018' || c == '\u02bc') {
                c = '\'';
            } else if (Character.isSpaceChar(c) || Character.isWhitespace(c)) {
                c = ' ';
            } else if (c > 127 && !Character.isSurrogate(c)) {
                c = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }
}
