package dev.docent.indexer.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one walk found.
 *
 * @param roots every path whose documents this walk answers for: the watched folders as given and
 *     as walked (real paths, symbolic links resolved)
 * @param files the documents to index, each once
 * @param skipped the first {@link #MAX_SKIPPED} things left out for a reason
 * @param skippedCount how many were left out in all (may exceed {@code skipped.size()})
 * @param unavailable the watched folders that could not be walked (missing, not a folder,
 *     unreadable: an unmounted drive?), as given and where a link to them led; the catalog's
 *     documents under them are not known to be gone
 */
public record WalkResult(List<Path> roots, List<FileState> files, List<SkippedPath> skipped, int skippedCount,
        List<Path> unavailable) {

    /** A status display needs examples, not a list as long as a broken disk can make it. */
    public static final int MAX_SKIPPED = 100;

    public WalkResult {
        roots = List.copyOf(roots);
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
        unavailable = List.copyOf(unavailable);
    }

    public WalkResult(List<Path> roots, List<FileState> files, List<SkippedPath> skipped, int skippedCount) {
        this(roots, files, skipped, skippedCount, List.of());
    }

    /** Whether {@code path} lies under a watched folder that could not be walked. */
    public boolean underUnavailable(Path path) {
        for (Path root : unavailable) {
            if (path.startsWith(root)) return true;
        }
        return false;
    }

    /**
     * This walk with {@code root} also taken as unavailable (its documents kept), and skipped for
     * {@code reason}: a watched folder the walk listed but that looks unmounted.
     */
    public WalkResult withUnavailable(Path root, String reason) {
        List<SkippedPath> skips = new ArrayList<>(skipped);
        skips.addFirst(new SkippedPath(root.toString(), reason)); // first: it explains documents that did not leave
        if (skips.size() > MAX_SKIPPED) skips.removeLast();
        List<Path> gone = new ArrayList<>(unavailable);
        gone.add(root);
        return new WalkResult(roots, files, skips, skippedCount + 1, gone);
    }

    public static WalkResult empty() {
        return new WalkResult(List.of(), List.of(), List.of(), 0);
    }
}
