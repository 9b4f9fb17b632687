package dev.docent.opensearch;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.crash.CrashChild;
import dev.docent.indexer.crash.HashEmbedder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child JVM of {@link ClusterCrashTest}, shaped like {@code docent serve} writing to a cluster:
 * syncs DOCS_DIR again and again until it is killed ({@link CrashChild#syncForever}). Arguments:
 * DATA_DIR DOCS_DIR HOSTS INDEX OWNER.
 */
public final class ClusterCrashChild {

    private ClusterCrashChild() {}

    public static void main(String[] args) {
        var connection = OpenSearchConnection.to(Arrays.stream(args[2].split(",")).map(URI::create).toList(), null);
        var storage = new ClusterStorage(connection, args[3], args[4], OpenSearchIndex.IndexOptions.DEFAULT);
        CrashChild.syncForever(Indexer.open(Path.of(args[0]), new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS,
                IndexingLimits.defaults(), storage), Path.of(args[1]));
    }
}
