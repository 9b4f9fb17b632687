package dev.docent.assistant;

import dev.docent.indexer.IndexStorage;
import dev.docent.opensearch.ClusterStorage;
import dev.docent.opensearch.OpenSearchConnection;
import dev.docent.opensearch.OpenSearchIndex;
import dev.docent.opensearch.OpenSearchUnavailable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where this Docent's index lives, from {@code index.*}: the embedded Lucene index in the data
 * directory, or an OpenSearch cluster. Holds the cluster's connections (closed with Docent) and
 * answers "is the index reachable now?" for the status and for answers, with a probe of its own
 * (2 s, no retries) so a status page never waits for the writers' 30-second timeouts.
 */
public final class IndexPlace implements AutoCloseable {

    private final IndexBackend backend;
    private final IndexStorage storage;
    private final OpenSearchConnection connection;
    private final OpenSearchConnection probe;
    private final String owner;

    private IndexPlace(IndexBackend backend, IndexStorage storage, OpenSearchConnection connection, OpenSearchConnection probe,
            String owner) {
        this.backend = backend;
        this.storage = storage;
        this.connection = connection;
        this.probe = probe;
        this.owner = owner;
    }

    /** The place {@code backend} names; for a cluster, this writer's owner name comes from {@code dataDir}. */
    static IndexPlace of(IndexBackend backend, Path dataDir) {
        if (backend.kind() == IndexBackend.Kind.LUCENE) return new IndexPlace(backend, IndexStorage.LUCENE, null, null, null);
        String credentials = backend.credentials(System::getenv);
        var connection = OpenSearchConnection.to(backend.hosts(), credentials);
        var probe = new OpenSearchConnection(backend.hosts(), credentials, Duration.ofSeconds(2), 0);
        String owner = backend.ownerFor(dataDir);
        var options = new OpenSearchIndex.IndexOptions(1, backend.replicas(), dev.docent.retriever.VectorFormat.DEFAULT,
                dev.docent.retriever.TextScoring.DEFAULT);
        return new IndexPlace(backend, new ClusterStorage(connection, backend.index(), owner, options), connection, probe, owner);
    }

    /** What the indexer opens generations with. */
    public IndexStorage storage() {
        return storage;
    }

    /** "lucene" or "opensearch". */
    public String engine() {
        return storage.name();
    }

    /** The cluster's addresses, or null for the embedded index. */
    public String hosts() {
        return connection == null ? null : backend.hosts().toString();
    }

    /** This writer's owner name in a shared index, or null. */
    public String owner() {
        return owner;
    }

    /** The index name on the cluster (the alias readers search), or null. */
    public String indexName() {
        return connection == null ? null : backend.index();
    }

    /**
     * Null when the index answers (the embedded one always does); else why not, in words a user can
     * act on. For a cluster: its health, asked now.
     */
    public String problem() {
        if (probe == null) return null;
        long now = System.nanoTime();
        Checked last = lastCheck;
        if (last != null && now - last.at() < CHECK_EVERY_NANOS) return last.problem();
        String problem = askCluster();
        lastCheck = new Checked(now, problem);
        return problem;
    }

    /** How long a health answer is reused: a status page polling every second asks the cluster at most every 5 s. */
    private static final long CHECK_EVERY_NANOS = 5_000_000_000L;

    private record Checked(long at, String problem) {}

    private volatile Checked lastCheck;

    private String askCluster() {
        try {
            String health = probe.health();
            return "red".equals(health) ? "the OpenSearch cluster at " + hosts() + " is red (a shard has no copy): searches may miss documents" : null;
        } catch (OpenSearchUnavailable e) {
            return "the OpenSearch cluster at " + hosts() + " does not answer (" + e.getMessage() + "): start it, or check"
                    + " index.opensearch.hosts";
        } catch (RuntimeException e) {
            return "the OpenSearch cluster at " + hosts() + " refused the health check: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        if (connection != null) connection.close();
        if (probe != null) probe.close();
    }
}
