package dev.docent.indexer.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a walk has found so far, across all watched folders: each file once (watched folders may
 * nest), and what was skipped, each path once and at most {@link WalkResult#MAX_SKIPPED} kept.
 */
final class WalkCollector {

    private final Map<Path, FileState> files = new LinkedHashMap<>();
    private final Map<Path, Integer> filesPerRoot = new HashMap<>();
    private final Map<String, String> skippedReasons = new LinkedHashMap<>();

    void file(Path root, FileState f) {
        files.putIfAbsent(f.path(), f);
        filesPerRoot.merge(root, 1, Integer::sum);
    }

    void skip(Path path, String reason) {
        skippedReasons.putIfAbsent(path.toString(), reason);
    }

    int filesUnder(Path root) {
        return filesPerRoot.getOrDefault(root, 0);
    }

    /** Why {@code path} itself was skipped, or null. */
    String skipReason(Path path) {
        return skippedReasons.get(path.toString());
    }

    WalkResult result(List<Path> roots, List<Path> unavailable) {
        List<SkippedPath> skipped = new ArrayList<>();
        for (var e : skippedReasons.entrySet()) {
            if (skipped.size() == WalkResult.MAX_SKIPPED) break;
            skipped.add(new SkippedPath(e.getKey(), e.getValue()));
        }
        return new WalkResult(roots, new ArrayList<>(files.values()), skipped, skippedReasons.size(), unavailable);
    }
}
