package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which chunks a search may show: those of the version their document's record names.
 *
 * <p>Why: a refresh is index-wide, so with several writers on one index another writer's refresh
 * can expose this writer's replace half-done. A replace therefore writes the new chunks under new
 * ids (a new version), then switches the record, and deletes the old version's chunks only after
 * its own refresh made the switch visible ({@link OpenSearchIndex#replaceDocument}). Whatever a
 * refresh exposed, the chunks of the record's version are a whole document: the old one before the
 * switch, the new one after. At worst, when the record's switch became visible before the new
 * chunks did (a refresh that reached the record's shard and the chunks' shards at different
 * moments), a document is missing from one search; it is never half old and half new.
 *
 * <p>Records are read as searches see them (the last refresh), one ids search per batch of chunks,
 * each record once per instance: use one instance per search.
 */
final class CurrentVersions {

    private final OpenSearchConnection connection;
    private final String records;
    private final String preference;
    /** Record id → its version ("" for a record written before versions); absent key: not fetched yet. */
    private final Map<String, String> versions = new HashMap<>();
    private static final String NO_RECORD = "\u0000none";
    /** Record id → how many chunks its version has. */
    private final Map<String, Integer> counts = new HashMap<>();
    /** "owner\npath" → its record id (a SHA-256): computed once, not once per chunk. */
    private final Map<String, String> recordIds = new HashMap<>();

    /**
     * @param records the record index (or its alias) beside the chunk index
     * @param preference the searcher's shard-copy preference (null: any copy)
     */
    CurrentVersions(OpenSearchConnection connection, String records, String preference) {
        this.connection = connection;
        this.records = records;
        this.preference = preference;
    }

    /**
     * The items whose chunk (its {@code _source}, which must hold owner, path and version) is of its
     * record's version, in their order; the records not known yet are fetched in one request.
     */
    <T> List<T> retain(List<T> items, Function<T, JsonNode> source) {
        List<String> ids = new ArrayList<>(items.size());
        Set<String> unknown = new LinkedHashSet<>();
        for (T item : items) {
            String id = recordId(source.apply(item));
            ids.add(id);
            if (!versions.containsKey(id)) unknown.add(id);
        }
        if (!unknown.isEmpty()) fetch(new ArrayList<>(unknown));
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (versionOf(source.apply(items.get(i))).equals(versions.get(ids.get(i)))) out.add(items.get(i));
        }
        return out;
    }

    /** The records {@code ids}, by an ids query: what the last refresh shows, as the chunks searched. */
    private void fetch(List<String> ids) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 1000));
            ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", batch.size()).put("track_total_hits", false);
            body.putArray("_source").add(ChunkMapping.VERSION).add("chunks");
            ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
            batch.forEach(values::add);
            JsonNode answer = connection.callOrNull("POST", "/" + records + "/_search",
                    preference == null ? Map.of() : Map.of("preference", preference), body);
            for (String id : batch) versions.put(id, NO_RECORD);
            if (answer == null) continue;
            for (JsonNode hit : answer.path("hits").path("hits")) {
                versions.put(hit.path("_id").asText(), versionOf(hit.path("_source")));
                counts.put(hit.path("_id").asText(), hit.path("_source").path("chunks").asInt());
            }
        }
    }

    /**
     * Whether {@code kept} (what {@link #retain} kept of one document's chunks, every one of them
     * read) is the whole version its record names. A read can straddle a switch: its chunk search
     * ran while another writer's refresh had shown the new version's chunks half-written, and the
     * records' read came after the switch. Such a read holds one version, but not all of it.
     */
    boolean whole(List<JsonNode> kept) {
        Map<String, Integer> perRecord = new HashMap<>();
        for (JsonNode chunk : kept) perRecord.merge(recordId(chunk), 1, Integer::sum);
        for (var e : perRecord.entrySet()) {
            if (!e.getValue().equals(counts.get(e.getKey()))) return false;
        }
        return true;
    }

    /** A chunk's record id; each (owner, path) hashed once per instance (a document's chunks share it). */
    private String recordId(JsonNode chunk) {
        String owner = chunk.path(ChunkMapping.OWNER).asText(), path = chunk.path(ChunkMapping.PATH).asText();
        return recordIds.computeIfAbsent(owner + "\n" + path, k -> OpenSearchIndex.id(owner, path));
    }

    /** A chunk's or record's version; "" when written before versions existed. */
    static String versionOf(JsonNode source) {
        return source.path(ChunkMapping.VERSION).asText("");
    }
}
