package dev.docent.mcp;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.function.Predicate;

/** The folder and file-name filters of the search and list_documents tools. */
final class PathFilter {

    private PathFilter() {}

    /**
     * Documents under {@code folder} (an absolute folder, or a folder name anywhere in the path)
     * whose file name matches the glob {@code name} ("*.pdf", "report-2024*"); null when neither is set.
     */
    static Predicate<String> of(String folder, String name) {
        if (folder == null && name == null) return null;
        PathMatcher glob = name == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + name);
        String f = folder == null ? null : folder.replace('\\', '/').replaceAll("/+$", "");
        return path -> {
            Path p = Path.of(path);
            if (glob != null && (p.getFileName() == null || !glob.matches(p.getFileName()))) return false;
            if (f == null || f.isEmpty()) return true;
            if (f.startsWith("/")) return p.startsWith(Path.of(f));
            return ("/" + path.replace('\\', '/')).contains("/" + f.replaceAll("^/+", "") + "/");
        };
    }
}
