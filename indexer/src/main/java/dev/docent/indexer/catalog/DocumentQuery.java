package dev.docent.indexer.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which documents of the catalog to list, by what is kept per document (no text search). Every
 * part is optional (null: any); all given parts must hold. Ranges are half-open: from inclusive,
 * to exclusive, either end may be null.
 *
 * @param folder a folder: documents at or below it, matched on a path-component boundary ({@code
 *     /docs/a} holds {@code /docs/a/x.pdf}, not {@code /docs/ab.pdf}); a trailing separator is ignored
 * @param types file types, lower-case extensions without the dot ({@link DocumentRecord#type()});
 *     null or empty: any
 * @param modifiedFrom files modified at or after this
 * @param modifiedTo files modified before this
 * @param createdFrom files whose own creation time ({@link DocumentRecord#created()}) is at or
 *     after this; a file stating none does not match a created range
 * @param createdTo ... before this
 * @param textDateFrom documents that mention at least one date in [from, to) in their text
 * @param textDateTo ... see textDateFrom
 * @param language language code ({@link DocumentRecord#language()})
 * @param status the documents' status; null: any ({@link #all()} asks for indexed ones)
 * @param nameWords words the path or title must hold ({@link NameWords}: a cheap superset for the
 *     caller to refine), or null
 */
public record DocumentQuery(String folder, Set<String> types, Instant modifiedFrom, Instant modifiedTo,
        Instant createdFrom, Instant createdTo, LocalDate textDateFrom, LocalDate textDateTo, String language,
        DocumentStatus status, NameWords nameWords) {

    public DocumentQuery {
        if (folder != null) {
            folder = folder.strip();
            while (folder.length() > 1 && (folder.endsWith("/") || folder.endsWith(java.io.File.separator))) {
                folder = folder.substring(0, folder.length() - 1);
            }
            if (folder.isEmpty()) folder = null;
        }
        if (types != null) {
            Set<String> normal = new TreeSet<>();
            for (String t : types) {
                String s = t.strip().toLowerCase(Locale.ROOT);
                normal.add(s.startsWith(".") ? s.substring(1) : s);
            }
            types = normal.isEmpty() ? null : Set.copyOf(normal);
        }
        if (language != null) {
            language = language.strip().toLowerCase(Locale.ROOT);
            if (language.isEmpty()) language = null;
        }
    }

    /** Every indexed document: add filters with the withers. */
    public static DocumentQuery all() {
        return new DocumentQuery(null, null, null, null, null, null, null, null, null, DocumentStatus.INDEXED, null);
    }

    public DocumentQuery inFolder(String folder) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, textDateFrom,
                textDateTo, language, status, nameWords);
    }

    public DocumentQuery ofTypes(Set<String> types) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, textDateFrom,
                textDateTo, language, status, nameWords);
    }

    public DocumentQuery modified(Instant from, Instant to) {
        return new DocumentQuery(folder, types, from, to, createdFrom, createdTo, textDateFrom, textDateTo, language,
                status, nameWords);
    }

    public DocumentQuery created(Instant from, Instant to) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, from, to, textDateFrom, textDateTo, language,
                status, nameWords);
    }

    public DocumentQuery mentioning(LocalDate from, LocalDate to) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, from, to, language,
                status, nameWords);
    }

    public DocumentQuery inLanguage(String language) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, textDateFrom,
                textDateTo, language, status, nameWords);
    }

    /** With documents of {@code status} (null: any). */
    public DocumentQuery withStatus(DocumentStatus status) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, textDateFrom,
                textDateTo, language, status, nameWords);
    }

    /** With documents whose path or title holds {@code words} (null: any name). */
    public DocumentQuery naming(NameWords words) {
        return new DocumentQuery(folder, types, modifiedFrom, modifiedTo, createdFrom, createdTo, textDateFrom,
                textDateTo, language, status, words);
    }

    /** The prefix a path below {@code folder} starts with: the folder and one separator. */
    static String below(String folder) {
        return folder.endsWith("/") || folder.endsWith(java.io.File.separator) ? folder : folder + java.io.File.separator;
    }
}
