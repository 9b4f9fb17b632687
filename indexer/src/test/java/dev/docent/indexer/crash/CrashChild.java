package dev.docent.indexer.crash;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link CrashTest}, shaped like {@code docent serve} under a folder that keeps
 * changing: it syncs DOCS_DIR again and again until it is killed. Arguments: DATA_DIR DOCS_DIR.
 */
public final class CrashChild {

    public static final String OPENED = "CRASH-CHILD-OPENED";

    private CrashChild() {}

    public static void main(String[] args) {
        Indexer indexer = Indexer.open(Path.of(args[0]), new HashEmbedder());
        System.out.println(OPENED);
        System.out.flush();
        while (true) {
            indexer.sync(List.of(Path.of(args[1])), SyncProgress.NONE);
        }
    }
}
