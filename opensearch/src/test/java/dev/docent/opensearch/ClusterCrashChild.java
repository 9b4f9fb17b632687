package dev.docent.opensearch;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.crash.HashEmbedder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVM of {@link ClusterCrashTest}, shaped like {@code docent serve} writing to a cluster:
 * syncs DOCS_DIR again and again until it is killed. Arguments: DATA_DIR DOCS_DIR HOSTS INDEX OWNER.
 */
public final class ClusterCrashChild {

    static final String OPENED = "CLUSTER-CHILD-OPENED";
    static final String FILE_DONE = "CLUSTER-CHILD-FILE-DONE";

    private ClusterCrashChild() {}

    public static void main(String[] args) {
        var connection = OpenSearchConnection.to(Arrays.stream(args[2].split(",")).map(URI::create).toList(), null);
        var storage = new ClusterStorage(connection, args[3], args[4], OpenSearchIndex.IndexOptions.DEFAULT);
        Indexer indexer = Indexer.open(Path.of(args[0]), new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults(), storage);
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
            indexer.sync(List.of(Path.of(args[1])), progress);
        }
    }
}
