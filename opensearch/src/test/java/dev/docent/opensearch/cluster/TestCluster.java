package dev.docent.opensearch.cluster;

import dev.docent.testkit.Required;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real two-node OpenSearch cluster on loopback, one per test JVM: started at the first
 * {@link #get()}, killed when the JVM ends (a shutdown hook; a JVM that dies without one leaves its
 * nodes' pids in {@code work/nodes.pid}, and the next start kills them). The server and the k-NN
 * plugin are the Maven artifacts the module's build copies to {@code target/opensearch-dist}
 * ({@link Distribution}); the nodes run on this JVM's own JDK, each with a 512 MB heap.
 *
 * <p>OpenSearch refuses to run as root, and CI runs as root: then the nodes run as the unprivileged
 * system user {@value NodeUser#NAME} (created if missing), in a temporary folder that user owns.
 */
public final class TestCluster {

    /** Nodes, each answering HTTP on loopback. */
    public static final int NODES = 2;
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    private static TestCluster running;
    private static Throwable failedStart;

    private final List<Node> nodes;
    private final Duration startTime;
    private final Path pidFile;

    private TestCluster(List<Node> nodes, Duration startTime, Path pidFile) {
        this.nodes = nodes;
        this.startTime = startTime;
        this.pidFile = pidFile;
    }

    /**
     * The cluster of this JVM, started on first use (green, both nodes joined). Throws with the
     * reason, and the nodes' last log lines, when it cannot start; later calls throw the same.
     */
    public static synchronized TestCluster get() {
        if (running != null) return running;
        if (failedStart != null) throw new IllegalStateException("the test cluster did not start: " + failedStart.getMessage(), failedStart);
        try {
            running = start();
            return running;
        } catch (Exception | Error e) {
            failedStart = e;
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * {@link #get()} for a test that needs the cluster: when it cannot start, the test is skipped
     * locally and fails in CI ({@code Required}), with the reason.
     */
    public static TestCluster required() {
        try {
            return get();
        } catch (RuntimeException e) {
            Required.tool(false, "a 2-node OpenSearch test cluster (" + e.getMessage() + ")");
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT} of every node, comma-separated (as {@code index.opensearch.hosts} takes them). */
    public String hosts() {
        return nodes.stream().map(n -> "http://127.0.0.1:" + n.httpPort()).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Starts {@code node} again after a test killed it, and waits until the cluster is green with
     * every node, so the tests after it find the cluster whole.
     */
    public void restart(Node node) {
        try {
            node.launch();
            writePids(pidFile, nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitGreen(nodes);
    }

    /** How long the start took, from unpacking to a green cluster. */
    public Duration startTime() {
        return startTime;
    }

    private static TestCluster start() {
        long t0 = System.nanoTime();
        Path work = Path.of(System.getProperty("docent.opensearch.work", "target/opensearch-cluster")).toAbsolutePath();
        try {
            Files.createDirectories(work);
            Path pidFile = work.resolve("nodes.pid");
            Orphans.killListed(pidFile);
            Path home = Distribution.installed();
            NodeUser user = NodeUser.forThisProcess();
            // Readable by the nodes' user: a temporary folder is made private to its creator.
            Path nodesDir = Files.createTempDirectory("docent-opensearch-");
            // Set, not created with: the umask applies to a creation's mode, and a Docent opened
            // earlier in this JVM (cli's tests) set it to 077, which shut the nodes' user out.
            Files.setPosixFilePermissions(nodesDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            int[] http = FreePorts.take(NODES), transport = FreePorts.take(NODES);
            // The hook first: a node started before a later one fails is killed with the JVM too.
            List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Node n : nodes) n.kill();
                Orphans.deleteQuietly(nodesDir);
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException ignored) {
                    // the next start kills what the file lists, if still alive
                }
            }, "opensearch-test-cluster-stop"));
            List<String> seeds = new ArrayList<>(), names = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                seeds.add("127.0.0.1:" + transport[i]);
                names.add("node-" + i);
            }
            for (int i = 0; i < NODES; i++) {
                nodes.add(Node.start(home, nodesDir.resolve(names.get(i)), names.get(i), http[i], transport[i], seeds, names, user));
                writePids(pidFile, nodes);
            }
            awaitGreen(nodes);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("OpenSearch test cluster: " + NODES + " nodes green in " + took.toMillis() + " ms, hosts "
                    + nodes.stream().map(n -> "127.0.0.1:" + n.httpPort()).toList() + ", running as " + user.describe());
            return new TestCluster(List.copyOf(nodes), took, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePids(Path pidFile, List<Node> nodes) throws IOException {
        Files.writeString(pidFile, nodes.stream().map(n -> Long.toString(n.pid())).collect(Collectors.joining("\n")) + "\n");
    }

    /** Polls until the cluster says green with every node joined; fails early if a node exits. */
    private static void awaitGreen(List<Node> nodes) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Node n : nodes) {
                if (!n.alive()) throw new IllegalStateException(n.name() + " exited during start:\n" + n.logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.getFirst().httpPort()
                        + "/_cluster/health?wait_for_nodes=" + nodes.size() + "&wait_for_status=green&timeout=5s"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"status\":\"green\"") && last.contains("\"number_of_nodes\":" + nodes.size())) return;
            } catch (IOException e) {
                last = e.toString();
                sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster started", e);
            }
        }
        throw new IllegalStateException("the cluster was not green within " + START_LIMIT + " (last health: " + last + ")\n"
                + nodes.stream().map(n -> n.name() + ":\n" + n.logTail()).collect(Collectors.joining("\n")));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
