package dev.docent.assistant.collection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of file a question names ("PDFs", "Word-Dokumente", "feuilles de calcul"), with the
 * file extensions it stands for, so a caller filters the catalog by extension without knowing the
 * three languages.
 */
public enum FileType {
    PDF("pdfs?(?:[ -](?:files?|documents?|dateien|dokumente))?|(?:fichiers|documents) pdf", "pdf"),
    WORD("word[ -](?:documents?|files?|dokumente|dateien)|(?:fichiers|documents) word|docx?|odt", "docx", "doc", "odt"),
    SPREADSHEET("spreadsheets?|excel(?:[ -](?:files?|sheets?|dateien|tabellen))?|tabellenkalkulationen|feuilles de calcul"
            + "|tableurs?|fichiers excel|xlsx?|csv", "xlsx", "xls", "ods", "csv"),
    PRESENTATION("presentations?|slide decks?|powerpoints?|powerpoint-dateien|prasentationen|diaporamas?|pptx?",
            "pptx", "ppt", "odp"),
    TEXT("text files|textdateien|fichiers texte", "txt", "md");

    private final Pattern pattern;
    private final List<String> extensions;

    FileType(String folded, String... extensions) {
        this.pattern = Pattern.compile("(?<![\\w'-])(?:" + folded + ")(?![\\w'-])", Pattern.UNICODE_CHARACTER_CLASS);
        this.extensions = List.of(extensions);
    }

    /** The extensions, lower case and without the dot, most common first. */
    public List<String> extensions() {
        return extensions;
    }

    /** The pattern over folded text (see {@link Folding}). */
    Pattern pattern() {
        return pattern;
    }
}
