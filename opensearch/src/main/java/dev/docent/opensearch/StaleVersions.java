package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes a writer's chunks of versions no record names: what a crash left between a replace's
 * chunk write and its record's switch (the new version), or between the switch and the old
 * version's delete (the old one). Searches skip them already ({@link CurrentVersions}); this gives
 * the space back and keeps counts true. Run at each writer's open, on its own chunks only.
 */
final class StaleVersions {

    private static final int BATCH = 200;

    private StaleVersions() {}

    /** @return how many (path, version) pairs were stale */
    static int delete(OpenSearchConnection connection, String chunks, String records, String owner) {
        if (connection.callOrNull("HEAD", "/" + chunks, null, null) == null) return 0;
        connection.call("POST", "/" + chunks + "," + records + "/_refresh", Map.of("ignore_unavailable", "true"), null);
        Map<String, String> current = new HashMap<>(); // path -> version its record names
        IndexScan.scan(connection, records, List.of(IndexScan.term(ChunkMapping.OWNER, owner), IndexScan.exists(ChunkMapping.PATH)),
                List.of(ChunkMapping.PATH), List.of(ChunkMapping.PATH, ChunkMapping.VERSION),
                hit -> current.put(hit.path("_source").path(ChunkMapping.PATH).asText(), CurrentVersions.versionOf(hit.path("_source"))));
        List<String[]> stale = new ArrayList<>(); // {path, version}
        JsonNode after = null;
        while (true) {
            JsonNode agg = versionsPage(connection, chunks, owner, after);
            for (JsonNode bucket : agg.path("buckets")) {
                String path = bucket.path("key").path(ChunkMapping.PATH).asText();
                String version = bucket.path("key").path(ChunkMapping.VERSION).asText(""); // null key: written before versions
                if (!version.equals(current.get(path))) stale.add(new String[] {path, version});
            }
            if (!agg.has("after_key") || agg.path("buckets").isEmpty()) break;
            after = agg.path("after_key");
        }
        for (int from = 0; from < stale.size(); from += BATCH) {
            deleteBatch(connection, chunks, owner, stale.subList(from, Math.min(stale.size(), from + BATCH)));
        }
        return stale.size();
    }

    /** One page of the distinct (path, version) pairs among the owner's chunks. */
    private static JsonNode versionsPage(OpenSearchConnection connection, String chunks, String owner, JsonNode after) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", 0).put("track_total_hits", false);
        body.putObject("query").putObject("bool").putArray("filter").add(IndexScan.term(ChunkMapping.OWNER, owner));
        ObjectNode composite = body.putObject("aggs").putObject("pairs").putObject("composite").put("size", 1000);
        ArrayNode sources = composite.putArray("sources");
        sources.addObject().putObject(ChunkMapping.PATH).putObject("terms").put("field", ChunkMapping.PATH);
        sources.addObject().putObject(ChunkMapping.VERSION).putObject("terms").put("field", ChunkMapping.VERSION).put("missing_bucket", true);
        if (after != null) composite.set("after", after);
        return connection.call("POST", "/" + chunks + "/_search", null, body).path("aggregations").path("pairs");
    }

    private static void deleteBatch(OpenSearchConnection connection, String chunks, String owner, List<String[]> pairs) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").add(IndexScan.term(ChunkMapping.OWNER, owner));
        ArrayNode should = bool.put("minimum_should_match", 1).putArray("should");
        for (String[] pair : pairs) {
            ObjectNode one = should.addObject().putObject("bool");
            one.putArray("filter").add(IndexScan.term(ChunkMapping.PATH, pair[0]));
            if (pair[1].isEmpty()) one.putArray("must_not").add(IndexScan.exists(ChunkMapping.VERSION));
            else ((ArrayNode) one.path("filter")).add(IndexScan.term(ChunkMapping.VERSION, pair[1]));
        }
        connection.call("POST", "/" + chunks + "/_delete_by_query", Map.of("conflicts", "proceed", "refresh", "true"), body);
    }
}
