package dev.docent.opensearch;

import java.util.ArrayList;
import java.util.List;

/** What a cluster index holds for tests: every chunk's "path#ordinal" for one owner (or all), read with a scan; an owner's published catalog rows. */
final class ClusterChunks {

    private ClusterChunks() {}

    /** "path#ordinal" of every chunk in {@code index} (an index or alias) that {@code owner} wrote (null: any), after a refresh. */
    static List<String> ids(OpenSearchConnection connection, String index, String owner) {
        connection.callOrNull("POST", "/" + index + "/_refresh", null, null);
        List<String> ids = new ArrayList<>();
        IndexScan.scan(connection, index, owner == null ? List.of() : List.of(IndexScan.term(ChunkMapping.OWNER, owner)),
                List.of(ChunkMapping.PATH, ChunkMapping.OWNER, ChunkMapping.SEQ), List.of(ChunkMapping.PATH, ChunkMapping.ORDINAL),
                hit -> ids.add(hit.path("_source").path(ChunkMapping.PATH).asText() + "#"
                        + hit.path("_source").path(ChunkMapping.ORDINAL).asInt()));
        return ids;
    }

    /** What {@code owner} has published to index {@code name}'s catalog ({@code NAME-catalog}) now: its live rows by path. */
    static java.util.Map<String, dev.docent.indexer.catalog.DocumentRecord> published(OpenSearchConnection connection, String name,
            String owner) {
        var feed = new ClusterCatalogFeed(connection, name);
        var mark = feed.marks().get(owner);
        java.util.Map<String, dev.docent.indexer.catalog.DocumentRecord> out = new java.util.TreeMap<>();
        if (mark == null) return out;
        for (var c : feed.changes(owner, -1, mark.sequence())) out.put(c.path(), c.row().record());
        return out;
    }

    /** {@code records} by path. */
    static java.util.Map<String, dev.docent.indexer.catalog.DocumentRecord> byPath(List<dev.docent.indexer.catalog.DocumentRecord> records) {
        java.util.Map<String, dev.docent.indexer.catalog.DocumentRecord> out = new java.util.TreeMap<>();
        for (var r : records) out.put(r.path(), r);
        return out;
    }
}
