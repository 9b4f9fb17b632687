package dev.docent.indexer.crash;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link GenerationCrashTest}: opens DATA_DIR with chunks of CHUNK_TOKENS (so a
 * new generation is due) and syncs DOCS_DIR, dying by {@code Runtime.halt} (no shutdown hook, no
 * close: as kill -9) when it starts embedding passage number HALT_AFTER + 1. Exits 0 if the build
 * finished first. Arguments: DATA_DIR DOCS_DIR CHUNK_TOKENS HALT_AFTER.
 */
public final class GenerationCrashChild {

    public static final int HALTED = 77;

    private GenerationCrashChild() {}

    public static void main(String[] args) {
        int haltAfter = Integer.parseInt(args[3]);
        var embedder = new HashEmbedder() {
            private int embedded;

            @Override
            public float[] embedPassage(String passage) {
                if (++embedded > haltAfter) Runtime.getRuntime().halt(HALTED);
                return super.embedPassage(passage);
            }
        };
        try (Indexer indexer = Indexer.open(Path.of(args[0]), embedder, Integer.parseInt(args[2]))) {
            indexer.sync(List.of(Path.of(args[1])), SyncProgress.NONE);
        }
        System.exit(0);
    }
}
