package dev.docent.indexer.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for file events on every folder the walk would enter (hidden and ignored ones aside, so a
 * {@code node_modules} or {@code .git} costs no watches). Nothing here throws: a folder that
 * cannot be listed or registered is left to the periodic check, and the walk reports it.
 */
final class EventRegistrar {

    private static final Logger log = LoggerFactory.getLogger(EventRegistrar.class);

    private final WatchService events;
    private final boolean respectGitignore;
    private volatile boolean warnedRegister;

    EventRegistrar(WatchService events, boolean respectGitignore) {
        this.events = events;
        this.respectGitignore = respectGitignore;
    }

    void registerAll(List<Path> folders) {
        for (Path folder : folders) {
            Path root;
            try {
                root = folder.toRealPath();
            } catch (IOException e) {
                continue; // missing: the walk reports it
            }
            try {
                Files.walkFileTree(root, new Registering(root, new IgnoreRules(respectGitignore)));
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot watch {} for changes ({}); it is still checked periodically", root, e.toString());
            }
        }
    }

    private final class Registering extends SimpleFileVisitor<Path> {
        private final Path root;
        private final IgnoreRules ignore;

        Registering(Path root, IgnoreRules ignore) {
            this.root = root;
            this.ignore = ignore;
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
