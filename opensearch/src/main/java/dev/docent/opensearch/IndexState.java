package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.analysis.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a query needs to know of the index before it is built, in one request: the chunk count
 * (exact or HNSW vector search) and, per language, how many chunks have its fields (the languages
 * a question is analysed for, English first, and the document count of each BM25 field for idf).
 *
 * @param preference routes every request of one search to the same shard copies, so the scores of
 *     its requests agree (a replica's deleted-but-unmerged chunks can shift BM25 statistics)
 */
record IndexState(boolean exists, long chunks, Map<Language, Long> docCount, String preference) {

    List<Language> languages() {
        List<Language> out = new ArrayList<>();
        for (Language l : Language.values()) if (docCount.getOrDefault(l, 0L) > 0) out.add(l);
        return out;
    }

    static IndexState of(OpenSearchConnection connection, String index, String preference) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", 0).put("track_total_hits", true);
        ObjectNode aggs = body.putObject("aggs");
        for (Language l : Language.values()) {
            aggs.putObject(l.name()).putObject("filter").putObject("exists").put("field", l.field(ChunkMapping.SEARCH));
        }
        JsonNode r = connection.callOrNull("POST", "/" + index + "/_search", Map.of("preference", preference), body);
        if (r == null) return new IndexState(false, 0, Map.of(), preference);
        Map<Language, Long> counts = new EnumMap<>(Language.class);
        for (Language l : Language.values()) counts.put(l, r.path("aggregations").path(l.name()).path("doc_count").asLong());
        return new IndexState(true, r.path("hits").path("total").path("value").asLong(), counts, preference);
    }
}
