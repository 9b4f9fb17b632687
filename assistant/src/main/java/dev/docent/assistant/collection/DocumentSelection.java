package dev.docent.assistant.collection;

import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@link DocumentFilters} as a test on one catalog record: the meaning of each filter, in one
 * place, for the documents an answer may use and for the tests' brute-force oracle.
 */
final class DocumentSelection {

    private DocumentSelection() {}

    /** Indexed documents that pass {@code f}'s folder, type and modified-time conditions. */
    static Predicate<DocumentRecord> of(DocumentFilters f) {
        return r -> r.status() == DocumentStatus.INDEXED && inFolder(r.path(), f.folder())
                && (f.types().isEmpty() || f.types().contains(type(r.path())))
                && (f.modifiedFrom() == null || !r.modified().isBefore(f.modifiedFrom()))
                && (f.modifiedTo() == null || r.modified().isBefore(f.modifiedTo()));
    }

    /** The file type: the extension, lower case, without the dot ("" for none). */
    static String type(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The folder a document is in (its parent's name). */
    static String folderName(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }

    /**
     * Whether {@code path} is inside {@code folder}: an absolute folder by prefix, else a folder of
     * that name anywhere above the file (case and accents aside: "Verträge" is "vertrage").
     */
    static boolean inFolder(String path, String folder) {
        if (folder == null) return true;
        Path p = Path.of(path);
        Path f = Path.of(folder);
        if (f.isAbsolute()) return p.startsWith(f.normalize());
        String wanted = Folding.fold(folder.replaceAll("[/\\\\]+$", ""));
        for (Path parent = p.getParent(); parent != null && parent.getFileName() != null; parent = parent.getParent()) {
            if (Folding.fold(parent.getFileName().toString()).equals(wanted)) return true;
        }
        return false;
    }
}
