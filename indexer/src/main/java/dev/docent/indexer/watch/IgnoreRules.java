package dev.docent.indexer.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The ignore files of the folders from a watched folder down to the one being walked, with git's
 * semantics because JGit's matcher does the matching: each folder's {@code .docentignore} (and
 * {@code .gitignore}, if respected) applies to what is below that folder, relative to it; the
 * deepest folder with a matching rule decides, and within a folder the last matching line does
 * ({@code !pattern} re-includes). As in git, nothing inside an ignored folder can be re-included:
 * the walk never enters it.
 */
final class IgnoreRules {

    static final String DOCENT_IGNORE = ".docentignore";
    static final String GIT_IGNORE = ".gitignore";
    /** Ignore files are a few lines; a bigger one is a mistake, not rules to hold in memory. */
    private static final long MAX_BYTES = 1024 * 1024;

    /** One walked folder and its rules (null when it has none). */
    private record Level(Path dir, IgnoreNode node) {}

    private final boolean respectGitignore;
    private final Deque<Level> levels = new ArrayDeque<>();

    IgnoreRules(boolean respectGitignore) {
        this.respectGitignore = respectGitignore;
    }

    /**
     * Reads {@code dir}'s ignore files as the walk enters it. Throws if one exists but cannot be
     * read: the caller then skips the folder rather than index what its owner meant to keep out.
     */
    void enter(Path dir) throws IOException {
        IgnoreNode node = new IgnoreNode();
        // .docentignore is read last, so its lines win over .gitignore's (e.g. "!build/report.pdf").
        if (respectGitignore) parse(node, dir.resolve(GIT_IGNORE));
        parse(node, dir.resolve(DOCENT_IGNORE));
        levels.push(new Level(dir, node.getRules().isEmpty() ? null : node));
    }

    /**
     * The rules in force in the innermost folder entered, frozen (the walk goes on changing its
     * own): what decides later whether a file event in that folder concerns the walk at all.
     */
    IgnoreRules snapshot() {
        IgnoreRules copy = new IgnoreRules(respectGitignore);
        copy.levels.addAll(levels); // same order: innermost first
        return copy;
    }

    /** Whether {@code name} is one of the files rules are read from. */
    boolean isRulesFile(String name) {
        return name.equals(DOCENT_IGNORE) || (respectGitignore && name.equals(GIT_IGNORE));
    }

    /** Forgets the innermost folder's rules as the walk leaves it. */
    void leave() {
        levels.pop();
    }

    /** Whether {@code entry}, inside the innermost folder entered, is ignored. */
    boolean isIgnored(Path entry, boolean isDirectory) {
        for (Level level : levels) { // innermost first
            if (level.node() == null) continue;
            Boolean ignored = level.node().checkIgnored(gitPath(level.dir().relativize(entry)), isDirectory);
            if (ignored != null) return ignored;
        }
        return false;
    }

    private static void parse(IgnoreNode node, Path file) throws IOException {
        // A link to a shared ignore file is read (skipping its rules would index what they keep
        // out), but only a regular file, so a FIFO or device cannot hang or flood the walk.
        if (!Files.isRegularFile(file)) return;
        if (Files.size(file) > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES / 1024 + " KB");
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        } catch (NoSuchFileException gone) {
            // deleted between the check and the open: no rules
        }
    }

    /** Rules are written with '/' whatever the platform's separator. */
    private static String gitPath(Path relative) {
        String sep = relative.getFileSystem().getSeparator();
        return sep.equals("/") ? relative.toString() : relative.toString().replace(sep, "/");
    }
}
