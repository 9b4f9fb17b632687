package dev.docent.indexer.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders a user asked to watch, as the walk uses them: each resolved to its real path (a
 * folder given as a symbolic link is watched where it leads), and a WARN when one is missing, not
 * a folder, unreadable or empty. A missing, odd or unreadable folder is also recorded as skipped
 * (and logged as such by {@link FolderWalker}); an empty one is logged here, when it becomes empty,
 * not on every re-check.
 */
final class WatchedFolders {

    private static final Logger log = LoggerFactory.getLogger(WatchedFolders.class);

    /**
     * The folders to walk (real paths), every path whose documents this walk answers for, and the
     * watched folders that cannot be walked now, whose documents the sync keeps.
     */
    record Resolved(List<Path> walk, List<Path> answersFor, List<Path> unavailable) {}

    /**
     * Said of a watched folder that is not there: deleting what was indexed from it would make an
     * unmounted drive cost a full re-read (and the embedding cache's eviction its vectors) when it
     * comes back. A folder no longer watched at all is forgotten instead.
     */
    static final String KEPT = ": the documents indexed from it are kept until it is back or no longer watched";

    /** Folders already reported empty. */
    private final Set<Path> warnedEmpty = ConcurrentHashMap.newKeySet();

    Resolved resolve(List<Path> folders, WalkCollector out) {
        List<Path> walk = new ArrayList<>();
        List<Path> answersFor = new ArrayList<>();
        List<Path> unavailable = new ArrayList<>();
        for (Path given : folders) {
            Path abs = given.toAbsolutePath().normalize();
            // Documents indexed under the path as given (before links were resolved) are answered
            // for too, so they leave the index instead of lingering beside their real-path twins.
            answersFor.add(abs);
            Path real;
            try {
                real = abs.toRealPath();
            } catch (NoSuchFileException e) {
                out.skip(abs, "watched folder not found" + KEPT);
                unavailable(abs, answersFor, unavailable);
                continue;
            } catch (IOException e) {
                out.skip(abs, SkipReason.of(e) + KEPT);
                unavailable(abs, answersFor, unavailable);
                continue;
            }
            if (!Files.isDirectory(real)) {
                out.skip(abs, "watched folder is not a directory" + KEPT);
                unavailable(abs, answersFor, unavailable);
                if (!real.equals(abs)) unavailable(real, answersFor, unavailable);
                continue;
            }
            if (!real.equals(abs)) answersFor.add(real);
            if (!walk.contains(real)) walk.add(real);
        }
        return new Resolved(walk, answersFor, unavailable);
    }

    /**
     * Marks a watched folder that cannot be walked, and, if it is a link (to a drive now
     * unmounted), where the link leads: the documents were indexed under that real path.
     */
    private static void unavailable(Path abs, List<Path> answersFor, List<Path> unavailable) {
        unavailable.add(abs);
        Path p = abs;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return;
            }
            answersFor.add(p);
            unavailable.add(p);
        }
    }

    /** After the walk: warns about a readable walked folder that gave no document. */
    void check(List<Path> walked, WalkCollector out) {
        for (Path root : walked) {
            if (out.skipReason(root) == null && out.filesUnder(root) == 0) {
                if (warnedEmpty.add(root)) {
                    log.warn("Watched folder {} is empty: no document in it (hidden and ignored files do not count)", root);
                }
            } else {
                warnedEmpty.remove(root);
            }
        }
    }
}
