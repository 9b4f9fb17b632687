package dev.docent.indexer.catalog;

import java.text.Normalizer;

/**
 * Lower case without accents, curly apostrophes and odd spaces made plain, one character for one
 * (so an index into the folded text is one into the text). The catalog's {@code name_key} and the
 * assistant's question patterns fold with this one rule, so a kind's words found in a question
 * are found in the column too.
 */
public final class TextFold {

    private TextFold() {}

    /** {@code nfcText} (already in NFC) folded; the same length. */
    public static String fold(String nfcText) {
        StringBuilder b = new StringBuilder(nfcText.length());
        for (int i = 0; i < nfcText.length(); i++) {
            char c = nfcText.charAt(i);
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
