package dev.docent.indexer.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the documents under some folders, and what it skipped and why. Left out without a
 * mention: hidden files and folders (dot-names), Office lock files ({@code ~$…}), the excluded
 * folder (Docent's own data directory, should it sit inside a watched one), and whatever the
 * {@code .docentignore} files name, and the {@code .gitignore} files if respected: any folder of
 * the tree may hold one, with git's syntax and semantics ({@link IgnoreRules}). Recorded as
 * skipped: folders it may not open, links leading outside the watched folders, names that cannot
 * be stored faithfully, special files. A walk never fails; a folder argument that is a symbolic
 * link is walked at its real path ({@link WatchedFolders}).
 */
public final class FolderWalker {

    private static final Logger log = LoggerFactory.getLogger(FolderWalker.class);

    private final Path exclude;
    private final boolean respectGitignore;
    private final WatchedFolders watched = new WatchedFolders();
    /** The previous walk's skips, so the log names each skip once, when it first appears. */
    private volatile Set<SkippedPath> lastSkipped = Set.of();

    /**
     * @param exclude a folder never to enter (Docent's data directory), or null
     * @param respectGitignore whether {@code .gitignore} files count as well as {@code .docentignore}
     */
    public FolderWalker(Path exclude, boolean respectGitignore) {
        this.exclude = exclude;
        this.respectGitignore = respectGitignore;
    }

    public WalkResult walk(List<Path> folders) {
        WalkCollector found = new WalkCollector();
        WatchedFolders.Resolved roots = watched.resolve(folders, found);
        Path excluded = realPathOf(exclude);
        for (Path root : roots.walk()) {
            var visitor = new TreeVisitor(root, roots.walk(), excluded, new IgnoreRules(respectGitignore), found);
            try {
                Files.walkFileTree(root, visitor);
            } catch (IOException | UncheckedIOException e) { // the visitor never throws; the JDK's own code might
                found.skip(root, "walk stopped: " + e.getMessage());
            }
        }
        watched.check(roots.walk(), found);
        List<Path> unavailable = new ArrayList<>(roots.unavailable());
        for (Path root : roots.walk()) {
            if (found.skipReason(root) != null) unavailable.add(root); // could not be listed (permissions, I/O)
        }
        WalkResult result = found.result(roots.answersFor(), unavailable);
        logNewSkips(result);
        return result;
    }

    private void logNewSkips(WalkResult result) {
        Set<SkippedPath> now = new HashSet<>(result.skipped());
        int logged = 0;
        for (SkippedPath s : result.skipped()) {
            if (!lastSkipped.contains(s) && logged++ < 20) log.warn("Skipped {}: {}", s.path(), s.reason());
        }
        if (logged > 20) log.warn("... and {} more newly skipped paths (listed in /api/status)", logged - 20);
        lastSkipped = now;
    }

    private static Path realPathOf(Path p) {
        if (p == null) return null;
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize(); // not there yet: nothing to exclude either
        }
    }
}
