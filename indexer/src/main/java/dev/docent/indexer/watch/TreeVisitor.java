package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Decides, entry by entry, what one watched folder contributes. Never throws: whatever cannot be
 * read is recorded with its reason and the walk goes on. Links are never followed (so no loop can
 * trap the walk and no file is found twice); a link whose target lies inside the watched folders
 * adds nothing, as the target is found at its own path, and one leading outside is recorded.
 */
final class TreeVisitor implements FileVisitor<Path> {

    private static final String JNU_ENCODING = System.getProperty("sun.jnu.encoding");

    private final Path root;
    private final List<Path> watched;
    private final Path exclude;
    private final IgnoreRules ignore;
    private final WalkCollector out;

    /**
     * @param root the real path of the folder walked
     * @param watched the real paths of every watched folder (where links may lead)
     * @param exclude a folder never to enter (Docent's data directory), or null
     */
    TreeVisitor(Path root, List<Path> watched, Path exclude, IgnoreRules ignore, WalkCollector out) {
        this.root = root;
        this.watched = watched;
        this.exclude = exclude;
        this.ignore = ignore;
        this.out = out;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root)) {
            if (leftOut(dir, true) || (exclude != null && dir.startsWith(exclude))) return FileVisitResult.SKIP_SUBTREE;
            if (!faithfulName(dir)) {
                out.skip(dir, SkipReason.unrepresentableName(JNU_ENCODING));
                return FileVisitResult.SKIP_SUBTREE;
            }
        }
        try {
            ignore.enter(dir);
        } catch (IOException e) {
            // Indexing the folder without its rules could index what its owner meant to keep out.
            out.skip(dir, "cannot read its ignore file: " + SkipReason.of(e));
            return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.equals(root)) { // a watched "folder" that is a file: WatchedFolders reports it
            return FileVisitResult.CONTINUE;
        }
        if (leftOut(file, false)) return FileVisitResult.CONTINUE;
        if (!faithfulName(file)) {
            out.skip(file, SkipReason.unrepresentableName(JNU_ENCODING));
        } else if (attrs.isSymbolicLink()) {
            checkLink(file);
        } else if (attrs.isRegularFile()) {
            // Millisecond precision: what the catalog stores, so an unchanged file compares equal.
            out.file(root, new FileState(file, attrs.size(), attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS)));
        } else {
            out.skip(file, SkipReason.SPECIAL);
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
        // Called for a folder that cannot be opened too; an ignored one is not worth a mention.
        if (file.equals(root) || !leftOut(file, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
            out.skip(file, SkipReason.of(e));
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
        ignore.leave();
        if (e != null) out.skip(dir, "listing stopped part-way: " + SkipReason.of(e));
        return FileVisitResult.CONTINUE;
    }

    /** Hidden (dot-names: .git, .docentignore, editors' swap files) or named by an ignore file. */
    private boolean leftOut(Path entry, boolean isDirectory) {
        return skippedName(entry.getFileName().toString(), isDirectory) || ignore.isIgnored(entry, isDirectory);
    }

    /**
     * Whether the walk leaves out an entry by its name alone, whatever the ignore files say: hidden
     * names (dot-names: .git, .docentignore, editors' swap and autosave files) and, for files,
     * Office lock files ({@code ~$…}).
     */
    static boolean skippedName(String name, boolean isDirectory) {
        return name.startsWith(".") || (!isDirectory && name.startsWith("~$"));
    }

    private void checkLink(Path link) {
        try {
            Path target = link.toRealPath();
            if (watched.stream().noneMatch(target::startsWith)) out.skip(link, SkipReason.OUTSIDE);
        } catch (NoSuchFileException e) {
            out.skip(link, SkipReason.BROKEN_LINK);
        } catch (IOException e) {
            out.skip(link, SkipReason.of(e));
        }
    }

    /**
     * Whether the name survives the trip to a string and back. It does not when its bytes are not
     * valid in the file-name encoding: the string (which the catalog stores) would name another file.
     */
    private static boolean faithfulName(Path p) {
        Path name = p.getFileName();
        if (name == null) return true;
        try {
            return name.getFileSystem().getPath(name.toString()).equals(name);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
