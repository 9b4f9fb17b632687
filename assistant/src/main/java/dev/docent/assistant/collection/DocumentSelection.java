package dev.docent.assistant.collection;

import java.nio.file.Path;

/**
 * Folders as a collection question names them: "in the records folder" means a folder of that
 * name anywhere above the file (the catalog matches absolute folders itself).
 */
final class DocumentSelection {

    private DocumentSelection() {}

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
