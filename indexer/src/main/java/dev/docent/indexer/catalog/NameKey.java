package dev.docent.indexer.catalog;

import java.nio.file.Path;
import java.text.Normalizer;

/**
 * The {@code name_key} column: a document's file name and title, folded (lower case, accents
 * dropped, one character for one, as the assistant folds the words it compares), so {@link
 * NameWords} is matched with {@code instr} over one short column instead of reading every row.
 */
final class NameKey {

    private NameKey() {}

    /** The file name of {@code path}, a newline, then the title (if any), both folded. */
    static String of(String path, String title) {
        Path name = Path.of(path).getFileName();
        return fold(name == null ? path : name.toString()) + "\n" + (title == null ? "" : fold(title));
    }

    /** Lower case without accents, curly apostrophes plain, one character for one ({@link TextFold}, after NFC). */
    static String fold(String text) {
        return TextFold.fold(Normalizer.normalize(text, Normalizer.Form.NFC));
    }
}
