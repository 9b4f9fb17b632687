package dev.docent.opensearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the cluster says of itself, read over plain HTTP from one node (not through Docent's client,
 * so the probe neither shares nor disturbs its connections): REST requests served per action (to
 * count a search's requests), heap and process of each node, the k-NN plugin's memory, the shard
 * copies of an index and where their files are.
 */
public final class ClusterProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param host one node, {@code http://127.0.0.1:PORT} */
    public ClusterProbe(String host) {
        this.base = host;
    }

    public JsonNode get(String endpoint) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + endpoint)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException("GET " + endpoint + ": " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void delete(String endpoint) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + endpoint)).DELETE().timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** REST requests served so far, summed over the nodes, by action ({@code msearch_action}, ...). */
    public Map<String, Long> restActions() {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode node : get("/_nodes/usage").path("nodes")) {
            node.path("rest_actions").properties().forEach(e -> out.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        return out;
    }

    /** The difference {@code after - before}, without the probe's own actions (nodes' stats and usage). */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0 && !k.startsWith("nodes_") && !k.startsWith("cat_") && !k.contains("knn_stats")) out.put(k, d);
        });
        return out;
    }

    /** Search work the shards did so far, summed over the nodes: {query_total, query_ms, fetch_total, fetch_ms}. */
    public long[] searchWork() {
        long[] out = new long[4];
        for (JsonNode node : get("/_nodes/stats/indices/search").path("nodes")) {
            JsonNode s = node.path("indices").path("search");
            out[0] += s.path("query_total").asLong();
            out[1] += s.path("query_time_in_millis").asLong();
            out[2] += s.path("fetch_total").asLong();
            out[3] += s.path("fetch_time_in_millis").asLong();
        }
        return out;
    }

    /** One node's name, process id, data folder. */
    public record NodeInfo(String id, String name, long pid, Path data) {}

    public List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>();
        get("/_nodes/process,settings").path("nodes").properties().forEach(e -> {
            JsonNode n = e.getValue();
            JsonNode data = n.path("settings").path("path").path("data");
            out.add(new NodeInfo(e.getKey(), n.path("name").asText(), n.path("process").path("id").asLong(),
                    Path.of(data.isArray() ? data.get(0).asText() : data.asText())));
        });
        return out;
    }

    /** Heap used now, per node name, in MB. */
    public Map<String, Long> heapUsedMb() {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode n : get("/_nodes/stats/jvm").path("nodes")) {
            out.put(n.path("name").asText(), n.path("jvm").path("mem").path("heap_used_in_bytes").asLong() >> 20);
        }
        return out;
    }

    /**
     * Heap used per node right after a full collection (the live set, what sizing needs; heap used
     * at a random moment includes garbage), by {@code jcmd PID GC.run} as the nodes' user.
     */
    public Map<String, Long> liveHeapMb(List<String> asNodeUser) {
        for (NodeInfo n : nodes()) {
            List<String> cmd = new ArrayList<>(asNodeUser);
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(n.pid()), "GC.run"));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(1, TimeUnit.MINUTES)) p.destroyForcibly();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return heapUsedMb();
    }

    /** The k-NN plugin's memory per node: its native graph cache (faiss/nmslib graphs; the Lucene engine's are not in it). */
    public String knnMemory() {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : get("/_plugins/_knn/stats").path("nodes")) {
            sb.append(String.format("graph_memory_usage %d KB (%.2f%% of the cache), graph_index_requests %d, hit_count %d, knn_query_requests %d; ",
                    n.path("graph_memory_usage").asLong(), n.path("graph_memory_usage_percentage").asDouble(),
                    n.path("graph_index_requests").asLong(), n.path("hit_count").asLong(), n.path("knn_query_requests").asLong()));
        }
        return sb.toString();
    }

    /** Resident memory of a process, in MB. */
    public static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
