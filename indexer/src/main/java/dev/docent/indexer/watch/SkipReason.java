package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The sentences a {@link SkippedPath} carries, so the same cause always reads the same way. */
final class SkipReason {

    static final String OUTSIDE = "symbolic link to outside the watched folders";
    static final String BROKEN_LINK = "symbolic link to a missing file";
    static final String LINK_LOOP = "symbolic link loop";
    static final String SPECIAL = "not a regular file (FIFO, socket or device)";
    static final String NOT_UTF8 = "file name is not valid UTF-8; rename it to index it";
    static final String PERMISSION = "permission denied";
    static final String VANISHED = "vanished during the walk";
    static final String NOT_A_FOLDER = "not a directory";

    private SkipReason() {}

    /** Why an entry could not be read, in words rather than an exception class. */
    static String of(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> PERMISSION;
            case NoSuchFileException n -> VANISHED;
            case NotDirectoryException n -> NOT_A_FOLDER;
            case FileSystemLoopException l -> LINK_LOOP;
            case FileSystemException f when f.getReason() != null && f.getReason().contains("levels of symbolic links") -> LINK_LOOP;
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    /**
     * Why a name cannot be kept: with a UTF-8 file-name encoding only invalid bytes cause it;
     * otherwise (a C or POSIX locale) every non-ASCII name does, and the fix is the locale.
     */
    static String unrepresentableName(String jnuEncoding) {
        if (jnuEncoding == null || StandardCharsets.UTF_8.aliases().contains(jnuEncoding)
                || "UTF-8".equalsIgnoreCase(jnuEncoding)) {
            return NOT_UTF8;
        }
        return "file name cannot be represented in this system's file-name encoding (" + jnuEncoding
                + "); run Docent with a UTF-8 locale, e.g. LANG=C.UTF-8";
    }
}
