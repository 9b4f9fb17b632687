package dev.docent.opensearch;

import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.DocumentIndexContractTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** {@link OpenSearchIndex} on the 2-node test cluster against the {@link DocumentIndex} contract. */
class OpenSearchDocumentIndexTest extends DocumentIndexContractTest {

    /** The cluster starts here, once per JVM, under its own time limit (not a test's minute). */
    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    @Override
    protected DocumentIndex open(Path dir) {
        return ClusterIndices.open(dir);
    }

    @Override
    protected DocumentIndex openReadOnly(Path dir) {
        return OpenSearchIndex.openReadOnly(ClusterIndices.connection(), ClusterIndices.name(dir));
    }
}
