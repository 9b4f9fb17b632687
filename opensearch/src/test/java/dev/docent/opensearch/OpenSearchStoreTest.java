package dev.docent.opensearch;

import dev.docent.retriever.ChunkStore;
import dev.docent.retriever.ChunkStoreContractTest;
import dev.docent.retriever.Searcher;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** {@link OpenSearchIndex} on the 2-node test cluster against the {@link ChunkStore} contract. */
class OpenSearchStoreTest extends ChunkStoreContractTest {

    /** The cluster starts here, once per JVM, under its own time limit (not a test's minute). */
    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }


    @Override
    protected ChunkStore open(Path dir) {
        return ClusterIndices.open(dir);
    }

    @Override
    protected Searcher searcherOf(ChunkStore store) {
        return ((OpenSearchIndex) store).searcher();
    }
}
