package dev.docent.opensearch;

import java.util.ArrayList;
import java.util.List;

/** What a cluster index holds for tests: every chunk's "path#ordinal" for one owner (or all), read with a scan. */
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
}
