package dev.docent.indexer.watch;

import java.nio.file.Path;
import java.util.List;

/**
 * What one walk found.
 *
 * @param roots the watched folders as walked: real paths, symbolic links resolved
 * @param files the documents to index, each once
 * @param skipped the first {@link #MAX_SKIPPED} things left out for a reason
 * @param skippedCount how many were left out in all (may exceed {@code skipped.size()})
 */
public record WalkResult(List<Path> roots, List<FileState> files, List<SkippedPath> skipped, int skippedCount) {

    /** A status display needs examples, not a list as long as a broken disk can make it. */
    public static final int MAX_SKIPPED = 100;

    public WalkResult {
        roots = List.copyOf(roots);
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    public static WalkResult empty() {
        return new WalkResult(List.of(), List.of(), List.of(), 0);
    }
}
