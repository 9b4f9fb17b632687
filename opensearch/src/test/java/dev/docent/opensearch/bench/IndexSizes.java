package dev.docent.opensearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Store size per chunk of an index on the cluster, as the cluster reports it ({@code _stats}) and
 * by kind of file in its primaries' Lucene folders (where the vectors and the graph can be told apart from
 * the text), and of the embedded Lucene index beside it.
 */
public final class IndexSizes {

    private IndexSizes() {}

    /** Lines describing the index {@code name}'s size: shard copies, store per chunk, file kinds of the primaries. */
    public static String ofCluster(ClusterProbe probe, String name) {
        StringBuilder sb = new StringBuilder();
        JsonNode stats = probe.get("/" + name + "/_stats/docs,store,segments,translog").path("indices").path(name);
        JsonNode pri = stats.path("primaries"), total = stats.path("total");
        long docs = pri.path("docs").path("count").asLong();
        long primaryBytes = pri.path("store").path("size_in_bytes").asLong();
        sb.append(String.format("%s: %d chunks; store primaries %.1f MB (%d B/chunk), all copies %.1f MB; primary segments %d; translog %.1f MB%n",
                name, docs, primaryBytes / 1e6, primaryBytes / Math.max(1, docs), total.path("store").path("size_in_bytes").asLong() / 1e6,
                pri.path("segments").path("count").asLong(), pri.path("translog").path("size_in_bytes").asLong() / 1e6));
        for (JsonNode s : probe.get("/_cat/shards/" + name + "?format=json&bytes=b&h=shard,prirep,node,docs,store")) {
            sb.append(String.format("  shard %s %s on %s: %s chunks, %.1f MB%n", s.path("shard").asText(), s.path("prirep").asText(),
                    s.path("node").asText(), s.path("docs").asText(), s.path("store").asLong() / 1e6));
        }
        String uuid = probe.get("/_cat/indices/" + name + "?format=json&h=uuid").get(0).path("uuid").asText();
        Map<String, Path> dataByNode = probe.nodes().stream().collect(Collectors.toMap(ClusterProbe.NodeInfo::name, ClusterProbe.NodeInfo::data));
        Map<String, Long> kinds = new TreeMap<>();
        for (JsonNode s : probe.get("/_cat/shards/" + name + "?format=json&h=shard,prirep,node")) {
            if (!s.path("prirep").asText().equals("p")) continue;
            Path shardDir = find(dataByNode.get(s.path("node").asText()), uuid, s.path("shard").asText());
            StoreFiles.byKind(shardDir.resolve("index")).forEach((k, v) -> kinds.merge(k, v, Long::sum));
        }
        sb.append("  primaries' files: ").append(perChunk(kinds, docs)).append('\n');
        return sb.toString();
    }

    /** The embedded index's files by kind, per chunk. */
    public static String ofLucene(Path dir, long chunks) {
        return "lucene index files: " + perChunk(StoreFiles.byKind(dir), chunks);
    }

    private static String perChunk(Map<String, Long> kinds, long chunks) {
        long all = kinds.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%.1f MB (%d B/chunk): ", all / 1e6, all / Math.max(1, chunks)) + kinds.entrySet().stream()
                .map(e -> String.format("%s %d B/chunk", e.getKey(), e.getValue() / Math.max(1, chunks))).collect(Collectors.joining(", "));
    }

    /** The folder {@code .../indices/UUID/SHARD} under a node's data folder. */
    private static Path find(Path data, String uuid, String shard) {
        try (Stream<Path> dirs = Files.walk(data, 6)) {
            List<Path> found = dirs.filter(p -> p.getFileName().toString().equals(shard) && p.getParent() != null
                    && p.getParent().getFileName().toString().equals(uuid)).toList();
            if (found.isEmpty()) throw new IllegalStateException("no folder of shard " + shard + " of " + uuid + " under " + data);
            return found.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
