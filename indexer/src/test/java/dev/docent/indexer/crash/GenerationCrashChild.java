package dev.docent.indexer.crash;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.halt.HaltPoints;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link GenerationCrashTest} and {@link CommitCrashTest}: opens DATA_DIR with
 * chunks of CHUNK_TOKENS (so a new generation is due, being built or just switched to; or, for the
 * latter test, the index's own chunking: an ordinary sync) and syncs DOCS_DIR once.
 * It dies by {@code Runtime.halt} (no shutdown hook, no close: as kill -9) at the point that
 * {@code -Ddocent.test.halt=NAME:N} names: one of {@link HaltPoints}' or {@link #EMBEDDING}, which
 * this child adds (the Nth passage embedded). Exits 0 if it got through without reaching it.
 * Arguments: DATA_DIR DOCS_DIR CHUNK_TOKENS.
 */
public final class GenerationCrashChild {

    /** The test's own point: before embedding a passage (the embedder is the test's). */
    public static final String EMBEDDING = "embedding";

    private GenerationCrashChild() {}

    public static void main(String[] args) {
        var embedder = new HashEmbedder() {
            @Override
            public float[] embedPassage(String passage) {
                HaltPoints.reach(EMBEDDING);
                return super.embedPassage(passage);
            }
        };
        try (Indexer indexer = Indexer.open(Path.of(args[0]), embedder, Integer.parseInt(args[2]))) {
            indexer.sync(List.of(Path.of(args[1])), SyncProgress.NONE);
        }
        System.exit(0);
    }
}
