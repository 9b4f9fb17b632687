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
    /** Printed after each file a sync finishes: the test's kills are timed from the first. */
    public static final String FILE_DONE = "CRASH-CHILD-FILE-DONE";

    private CrashChild() {}

    public static void main(String[] args) {
        syncForever(Indexer.open(Path.of(args[0]), new HashEmbedder()), Path.of(args[1]));
    }

    /**
     * Says {@link #OPENED}, then syncs {@code docs} again and again, saying {@link #FILE_DONE} after each
     * file, until the process is killed (also the cluster crash test's child).
     */
    public static void syncForever(Indexer indexer, Path docs) {
        System.out.println(OPENED);
        System.out.flush();
        SyncProgress progress = new SyncProgress() {
            @Override
            public void fileDone(int done, int toProcess, dev.docent.indexer.catalog.DocumentRecord record) {
                System.out.println(FILE_DONE);
                System.out.flush();
            }
        };
        while (true) {
            indexer.sync(List.of(docs), progress);
        }
    }
}
