package dev.docent.indexer.extract;

import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.LanguageDetector;
import java.util.List;

/**
 * The language of a document, told by {@link LanguageDetector} from the first few thousand
 * characters of its text (enough for dozens of stop words; the rest would cost without changing
 * the vote), as a short code: {@code en}, {@code de}, {@code fr}, or {@code cjk} (Chinese,
 * Japanese and Korean are told apart by nobody here). Null when the start does not say clearly.
 */
public final class DocumentLanguage {

    /** Characters of the document's start that decide. */
    static final int SAMPLE_CHARS = 4000;

    private DocumentLanguage() {}

    /** The language code of the text of {@code pages}, or null. */
    public static String of(List<Page> pages) {
        StringBuilder sample = new StringBuilder(SAMPLE_CHARS + 200);
        outer:
        for (Page p : pages) {
            for (Block b : p.blocks()) {
                if (sample.length() >= SAMPLE_CHARS) break outer;
                sample.append(b.text(), 0, Math.min(b.text().length(), SAMPLE_CHARS - sample.length())).append('\n');
            }
        }
        return LanguageDetector.detect(sample.toString()).map(DocumentLanguage::code).orElse(null);
    }

    /** The code stored for a detected language. */
    public static String code(Language language) {
        return switch (language) {
            case ENGLISH -> "en";
            case GERMAN -> "de";
            case FRENCH -> "fr";
            case CJK -> "cjk";
        };
    }
}
