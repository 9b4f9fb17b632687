package dev.docent.opensearch;

import dev.docent.opensearch.cluster.TestCluster;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The test cluster's connection, shared by the tests of this JVM, and one index per test folder
 * (the contract tests reopen "the store in dir": here, the index named after dir).
 */
final class ClusterIndices {

    private static OpenSearchConnection connection;

    private ClusterIndices() {}

    /** The cluster's connection; a test that cannot have it is skipped here and fails in CI, with the reason. */
    static synchronized OpenSearchConnection connection() {
        if (connection == null) {
            TestCluster cluster = TestCluster.required();
            List<URI> hosts = Arrays.stream(cluster.hosts().split(",")).map(URI::create).toList();
            connection = OpenSearchConnection.to(hosts, null);
        }
        return connection;
    }

    /** The index of test folder {@code dir}, opened (created at the first write). */
    static OpenSearchIndex open(Path dir) {
        return OpenSearchIndex.open(connection(), name(dir), "test", OpenSearchIndex.IndexOptions.DEFAULT);
    }

    /** The index name of test folder {@code dir}. */
    static String name(Path dir) {
        return "test-" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode()) + "-"
                + dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
