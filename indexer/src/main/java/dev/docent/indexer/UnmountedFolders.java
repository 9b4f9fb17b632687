package dev.docent.indexer;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.watch.FileState;
import dev.docent.indexer.watch.WalkResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an emptied watched folder from an unmounted one. A Linux mount point with nothing mounted
 * is an existing, empty folder on its parent's filesystem: walked as it is, every document of the
 * drive would leave the index (and the embedding cache's eviction their vectors), to be read
 * again in full when the drive comes back. So the catalog records, for each watched folder the
 * walk could list, the filesystem it was on ({@code meta} key {@link #KEY} + the folder's real
 * path); a folder that the walk finds empty, while the catalog holds documents under it and its
 * filesystem is not the recorded one, is taken as unavailable, like a missing folder: its
 * documents are kept and the status's {@code skipped} says so. A folder the user emptied (same
 * filesystem) loses its documents as before.
 *
 * <p>The record is written right after the walk, before any row of the sync, so the catalog never
 * holds documents of a folder whose filesystem it does not know (except in catalogs from before
 * this record: their first sync records it; until then an empty folder is taken as emptied).
 * Locking: none; called on the sync's thread under {@link SyncWriter}'s sync lock.
 */
final class UnmountedFolders {

    private static final Logger log = LoggerFactory.getLogger(UnmountedFolders.class);

    /** The catalog's {@code meta} key prefix of a watched folder's filesystem. */
    static final String KEY = "watched-folder-device:";

    static final String REASON = "watched folder looks unmounted (it is empty and on another filesystem than when its"
            + " documents were indexed): the documents indexed from it are kept; remount it, or remove the folder"
            + " from the watched list to forget its documents";

    /** Folders already logged as unmounted: the WARN is written when it starts, not at every re-check. */
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    /** The filesystem a folder is on; a seam for tests that cannot mount. */
    private final Function<Path, String> device;

    UnmountedFolders() {
        this(UnmountedFolders::deviceOf);
    }

    UnmountedFolders(Function<Path, String> device) {
        this.device = device;
    }

    /**
     * Returns {@code walk}, with every walked folder that looks unmounted added to its unavailable
     * folders and skipped paths, and records the filesystem of the others in {@code catalog}.
     */
    WalkResult check(WalkResult walk, Catalog catalog) {
        Set<String> catalogued = null; // read only when a folder is empty (rare): an idle re-check costs nothing more
        WalkResult checked = walk;
        for (Path root : walkedRoots(walk)) {
            String now = device.apply(root);
            if (now == null) continue;
            String recorded = catalog.meta(KEY + root).orElse(null);
            if (!holdsFiles(walk, root) && recorded != null && !recorded.equals(now)) {
                if (catalogued == null) catalogued = catalog.stamps().keySet();
                if (anyUnder(catalogued, root)) {
                    if (warned.add(root)) log.warn("Watched folder {} looks unmounted (filesystem {} at the last sync, {} now): its documents are kept", root, recorded, now);
                    checked = checked.withUnavailable(root, REASON);
                    continue; // the mount point's own filesystem is not recorded
                }
            }
            warned.remove(root);
            if (!now.equals(recorded)) catalog.setMeta(KEY + root, now);
        }
        return checked;
    }

    /** The watched folders the walk listed, at their real paths (links were resolved to these). */
    private static List<Path> walkedRoots(WalkResult walk) {
        List<Path> roots = new ArrayList<>();
        for (Path root : walk.roots()) {
            if (walk.underUnavailable(root) || !Files.isDirectory(root)) continue;
            try {
                if (root.toRealPath().equals(root)) roots.add(root);
            } catch (IOException e) {
                // gone since the walk: the next sync sees it as missing
            }
        }
        return roots;
    }

    private static boolean holdsFiles(WalkResult walk, Path root) {
        for (FileState f : walk.files()) {
            if (f.path().startsWith(root)) return true;
        }
        return false;
    }

    private static boolean anyUnder(Set<String> paths, Path root) {
        for (String p : paths) {
            if (Path.of(p).startsWith(root)) return true;
        }
        return false;
    }

    /**
     * The device number where the platform has one (Linux, macOS), else the file store's name;
     * null if neither can be read (then nothing is decided or recorded for that folder).
     */
    static String deviceOf(Path folder) {
        try {
            return "dev:" + Files.getAttribute(folder, "unix:dev");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return "store:" + Files.getFileStore(folder).name();
            } catch (IOException e2) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }
}
