package dev.docent.assistant;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Where the chunk index lives ({@code index.*} in {@code docent.properties}): the embedded Lucene
 * index in the data directory (the default), or an OpenSearch cluster shared by several Docents
 * (issue 19). The cluster's credentials are never in the file: it names the environment variable
 * that holds them ({@code user:password}).
 *
 * @param kind lucene or opensearch
 * @param hosts the cluster's HTTP addresses (opensearch only), e.g. {@code http://127.0.0.1:9200}
 * @param index the index name on the cluster (lower case)
 * @param credentialsEnv the environment variable holding {@code user:password}, or null for none
 * @param owner this Docent's name among the writers of a shared index, or null: the machine's host
 *     name and the data directory ({@link #ownerFor})
 * @param replicas copies of each shard of a new cluster index on other nodes (1: one node may fail)
 */
public record IndexBackend(Kind kind, List<URI> hosts, String index, String credentialsEnv, String owner, int replicas) {

    public enum Kind { LUCENE, OPENSEARCH }

    /** The index name when none is configured. */
    public static final String DEFAULT_INDEX = "docent";

    public static final IndexBackend LUCENE = new IndexBackend(Kind.LUCENE, List.of(), DEFAULT_INDEX, null);

    public IndexBackend(Kind kind, List<URI> hosts, String index, String credentialsEnv) {
        this(kind, hosts, index, credentialsEnv, null, 1);
    }

    public IndexBackend {
        hosts = List.copyOf(hosts);
        if (replicas < 0) throw new IllegalArgumentException("index.opensearch.replicas must be 0 or more, got " + replicas);
        if (owner != null && owner.isBlank()) owner = null;
        if (kind == Kind.OPENSEARCH && hosts.isEmpty()) {
            throw new IllegalArgumentException("index.backend = opensearch needs index.opensearch.hosts (e.g. http://127.0.0.1:9200)");
        }
        if (!index.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("index.opensearch.index must be lower case letters, digits, '.', '_' or '-', got '" + index + "'");
        }
    }

    /**
     * Reads the {@code index.*} keys through {@code raw} (null for a key not set).
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    static IndexBackend parse(Function<String, String> raw) {
        String kind = raw.apply("index.backend");
        String hosts = raw.apply("index.opensearch.hosts");
        String index = raw.apply("index.opensearch.index");
        String env = raw.apply("index.opensearch.credentials_env");
        String owner = raw.apply("index.opensearch.owner");
        String replicas = raw.apply("index.opensearch.replicas");
        if (kind == null || kind.equalsIgnoreCase("lucene")) {
            if (hosts != null || env != null || owner != null || replicas != null) {
                throw new IllegalArgumentException("index.opensearch.* is set but index.backend is lucene: set index.backend = opensearch to use the cluster");
            }
            return LUCENE;
        }
        if (!kind.equalsIgnoreCase("opensearch")) {
            throw new IllegalArgumentException("index.backend must be lucene or opensearch, got '" + kind + "'");
        }
        List<URI> uris = hosts == null ? List.of() : Arrays.stream(hosts.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(IndexBackend::host).toList();
        int copies;
        try {
            copies = replicas == null || replicas.isBlank() ? 1 : Integer.parseInt(replicas.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("index.opensearch.replicas must be a whole number, got '" + replicas + "'");
        }
        return new IndexBackend(Kind.OPENSEARCH, uris, index == null ? DEFAULT_INDEX : index, env, owner, copies);
    }

    private static URI host(String s) {
        URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("index.opensearch.hosts: not an address: '" + s + "'");
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null || u.getPort() < 0) {
            throw new IllegalArgumentException("index.opensearch.hosts: each host is http(s)://HOST:PORT, got '" + s + "'");
        }
        return u;
    }

    /**
     * The credentials ({@code user:password}) from the named environment variable, null when none is named.
     *
     * @throws IllegalStateException when the variable is named but not set, or holds no {@code user:password}
     */
    public String credentials(Function<String, String> environment) {
        if (credentialsEnv == null) return null;
        String v = environment.apply(credentialsEnv);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("index.opensearch.credentials_env names " + credentialsEnv + ", which is not set");
        }
        if (!v.contains(":")) throw new IllegalStateException(credentialsEnv + " must hold user:password");
        return v;
    }

    /**
     * This writer's owner name: the configured one, else {@code HOST:DATA_DIR}, which stays the same
     * across restarts and differs between two Docents on one machine with their own data directories.
     */
    public String ownerFor(java.nio.file.Path dataDir) {
        if (owner != null) return owner;
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + dataDir.toAbsolutePath().normalize();
    }
}
