package dev.docent.indexer.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for file events on every folder the walk would enter (hidden and ignored ones aside, so a
 * {@code node_modules} or {@code .git} costs no watches). Nothing here throws: a folder that
 * cannot be listed or registered is left to the periodic check, and the walk reports it.
 */
final class EventRegistrar {

    private static final Logger log = LoggerFactory.getLogger(EventRegistrar.class);

    /** What a file event means for the walk. */
    enum Change {
        /** Nothing: the walk skips the entry (hidden, a lock file, or named by an ignore file). */
        NONE,
        /** Files the walk lists may have changed. */
        FILES,
        /** As FILES, and the folders to watch or their rules may have changed: register again. */
        FOLDERS
    }

    private final WatchService events;
    private final boolean respectGitignore;
    private volatile boolean warnedRegister;
    /** The ignore rules in force in each registered folder (real paths), as of the last registration. */
    private volatile Map<Path, IgnoreRules> rules = Map.of();

    EventRegistrar(WatchService events, boolean respectGitignore) {
        this.events = events;
        this.respectGitignore = respectGitignore;
    }

    void registerAll(List<Path> folders) {
        Map<Path, IgnoreRules> found = new HashMap<>();
        for (Path folder : folders) {
            Path root;
            try {
                root = folder.toRealPath();
            } catch (IOException e) {
                continue; // missing: the walk reports it
            }
            try {
                Files.walkFileTree(root, new Registering(root, new IgnoreRules(respectGitignore), found));
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot watch {} for changes ({}); it is still checked periodically", root, e.toString());
            }
        }
        rules = found;
    }

    /**
     * What an event about {@code name} in the registered folder {@code folder} means: nothing if
     * the walk would skip that entry (so a hidden autosave file or an ignored build output written
     * all the time never holds a sync back), FOLDERS for a folder (new, or its permissions changed)
     * or a changed ignore file.
     */
    Change classify(Path folder, Path name) {
        String n = name.toString();
        IgnoreRules inForce = rules.get(folder);
        if (inForce == null) return Change.FOLDERS; // not (or no longer) known: look again
        if (inForce.isRulesFile(n)) return Change.FOLDERS;
        Path entry = folder.resolve(name);
        boolean isFolder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        if (TreeVisitor.skippedName(n, isFolder) || inForce.isIgnored(entry, isFolder)) return Change.NONE;
        return isFolder ? Change.FOLDERS : Change.FILES;
    }

    private final class Registering extends SimpleFileVisitor<Path> {
        private final Path root;
        private final IgnoreRules ignore;
        private final Map<Path, IgnoreRules> rulesOut;

        Registering(Path root, IgnoreRules ignore, Map<Path, IgnoreRules> rulesOut) {
            this.root = root;
            this.ignore = ignore;
            this.rulesOut = rulesOut;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && (dir.getFileName().toString().startsWith(".") || ignore.isIgnored(dir, true))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            try {
                dir.register(events, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            } catch (IOException e) {
                // Typically the inotify watch limit (fs.inotify.max_user_watches): say it once.
                if (!warnedRegister) {
                    warnedRegister = true;
                    log.warn("File events unavailable for {} and maybe more folders ({}); they are checked every period instead",
                            dir, e.getMessage());
                }
                return FileVisitResult.SKIP_SUBTREE;
            }
            try {
                ignore.enter(dir);
            } catch (IOException e) {
                return FileVisitResult.SKIP_SUBTREE; // the walk skips it and says why
            }
            rulesOut.put(dir, ignore.snapshot());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // unreadable: the walk records it
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            ignore.leave();
            return FileVisitResult.CONTINUE;
        }
    }
}
