package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds small real folder trees and walks them with the real walker. */
final class Trees {

    private Trees() {}

    /** Writes each named file (a path relative to {@code root}) with a line of text. */
    static void files(Path root, String... relative) throws IOException {
        for (String r : relative) write(root, r, "Text of " + r + ".\n");
    }

    static void write(Path root, String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** The files found under {@code root}, relative to its real path, sorted. */
    static List<String> found(WalkResult r, Path root) throws IOException {
        Path real = root.toRealPath();
        return r.files().stream().map(f -> real.relativize(f.path()).toString()).sorted().toList();
    }

    /** Skipped paths relative to {@code root}'s real path (absolute when outside it), with reasons. */
    static Map<String, String> skipped(WalkResult r, Path root) throws IOException {
        Path real = root.toRealPath();
        Map<String, String> out = new TreeMap<>();
        for (SkippedPath s : r.skipped()) {
            Path p = Path.of(s.path());
            out.put(p.startsWith(real) ? real.relativize(p).toString() : s.path(), s.reason());
        }
        return out;
    }

    static WalkResult walk(Path root, boolean respectGitignore) {
        return new FolderWalker(null, respectGitignore).walk(List.of(root));
    }
}
