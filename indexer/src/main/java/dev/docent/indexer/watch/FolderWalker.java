package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the documents under some folders. Skips hidden files and folders (dot-names), Office lock
 * files ({@code ~$…}), anything under {@code exclude} (Docent's own data directory, should it
 * sit inside a watched folder), and whatever the folder's {@code .docentignore} names: one glob
 * per line, relative to the folder ({@code drafts/**}, {@code *.tmp}; {@code #} starts a comment).
 * Symbolic links are not followed, so a link loop cannot trap it.
 */
public final class FolderWalker {

    private static final Logger log = LoggerFactory.getLogger(FolderWalker.class);

    private FolderWalker() {}

    public static List<FileState> walk(List<Path> folders, Path exclude) throws IOException {
        List<FileState> files = new ArrayList<>();
        for (Path folder : folders) {
            List<PathMatcher> ignored = ignoreRules(folder);
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(folder) && (isHidden(dir) || (exclude != null && dir.startsWith(exclude))
                            || matches(ignored, folder.relativize(dir)))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && !isHidden(file) && !name.startsWith("~$")
                            && !matches(ignored, folder.relativize(file))) {
                        // Millisecond precision: what the catalog stores, so an unchanged file compares equal.
                        files.add(new FileState(file, attrs.size(),
                                attrs.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.warn("Cannot read {}: {}", file, e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return files;
    }

    /** Glob rules from {@code folder/.docentignore}; a rule "dir/" or "dir" also covers what is inside. */
    static List<PathMatcher> ignoreRules(Path folder) throws IOException {
        Path file = folder.resolve(".docentignore");
        List<PathMatcher> rules = new ArrayList<>();
        if (!Files.isRegularFile(file)) return rules;
        for (String line : Files.readAllLines(file)) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) continue;
            if (rule.endsWith("/")) rule = rule.substring(0, rule.length() - 1);
            rules.add(FileSystems.getDefault().getPathMatcher("glob:" + rule));
            if (!rule.contains("/")) {
                rules.add(FileSystems.getDefault().getPathMatcher("glob:**/" + rule)); // like .gitignore: any depth
            }
        }
        return rules;
    }

    private static boolean matches(List<PathMatcher> rules, Path relative) {
        return rules.stream().anyMatch(m -> m.matches(relative));
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
