package dev.docent.opensearch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One OpenSearch node as a child process: its own config, data, logs and temp folders under
 * {@code dir}, loopback only, a 512 MB heap, no GC log.
 */
public final class Node {

    private final String name;
    private final int httpPort;
    private final Path home;
    private final Path dir;
    private final NodeUser user;
    private volatile Process process;

    private Node(String name, int httpPort, Path home, Path dir, NodeUser user) {
        this.name = name;
        this.httpPort = httpPort;
        this.home = home;
        this.dir = dir;
        this.user = user;
    }

    static Node start(Path home, Path dir, String name, int httpPort, int transportPort, List<String> seeds,
            List<String> clusterManagers, NodeUser user) throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        for (String d : List.of("data", "logs", "tmp")) Files.createDirectories(dir.resolve(d));
        try (Stream<Path> files = Files.list(home.resolve("config"))) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        // Two nodes beside the tests on a small machine: small heaps. No GC log: the launcher runs
        // from the (shared, read-only) home, where its relative logs/gc.log would go.
        Path jvmOptions = config.resolve("jvm.options");
        Files.write(jvmOptions, Files.readAllLines(jvmOptions).stream()
                .filter(l -> !l.contains("-Xlog:gc") && !l.startsWith("-Xms") && !l.startsWith("-Xmx")).toList());
        Files.writeString(jvmOptions, "-Xms512m\n-Xmx512m\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(config.resolve("opensearch.yml"), String.join("\n",
                "cluster.name: docent-test",
                "node.name: " + name,
                "path.data: " + dir.resolve("data"),
                "path.logs: " + dir.resolve("logs"),
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.seed_hosts: [" + seeds.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]",
                "cluster.initial_cluster_manager_nodes: [" + clusterManagers.stream().map(s -> "\"" + s + "\"")
                        .collect(Collectors.joining(",")) + "]",
                // A nearly full disk (a developer's laptop) must not leave replicas unassigned.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "") );
        user.giveTo(dir);
        Node node = new Node(name, httpPort, home, dir, user);
        node.launch();
        return node;
    }

    /** Starts the node's process (again, after {@link #kill()}: same folders and ports, so it rejoins with its data). */
    synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException(name + " is running");
        Path config = dir.resolve("config");
        ProcessBuilder pb = new ProcessBuilder(user.command(List.of(home.resolve("bin/opensearch").toString())));
        pb.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("OPENSEARCH_PATH_CONF", config.toString());
        pb.environment().put("OPENSEARCH_TMPDIR", dir.resolve("tmp").toString());
        pb.environment().remove("OPENSEARCH_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
        process = pb.start();
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The node's JVM (the launcher replaces itself with it, or starts it as its child). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9} of the node and anything it started; returns once it is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the node printed, to say why it failed. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    static boolean isOpenSearch(ProcessHandle p) {
        return p.info().commandLine().map(c -> c.contains("org.opensearch.bootstrap.OpenSearch") || c.contains("bin/opensearch"))
                .orElse(false);
    }
}
