package dev.docent.assistant.collection;

import dev.docent.indexer.catalog.TextFold;
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

    /**
     * {@code text} (NFC) lower-cased, accents dropped, curly apostrophes and odd spaces made plain;
     * same length. The catalog's name column is folded by the same rule ({@link TextFold}).
     */
    static String fold(String text) {
        return TextFold.fold(text);
    }
}
