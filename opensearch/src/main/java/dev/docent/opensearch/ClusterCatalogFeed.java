package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.indexer.publish.CatalogFeed;
import dev.docent.indexer.publish.CatalogRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every writer's published catalog rows ({@link CatalogIndex}), for a read-only server's mirror.
 * Holds no state: each call is one read (a scan for {@link #changes}).
 */
public final class ClusterCatalogFeed implements CatalogFeed {

    private final OpenSearchConnection connection;
    private final String index;

    /** @param name the index name in the configuration ({@code NAME}); the rows are in {@code NAME-catalog} */
    public ClusterCatalogFeed(OpenSearchConnection connection, String name) {
        this.connection = connection;
        this.index = CatalogIndex.of(name);
    }

    @Override
    public Map<String, Mark> marks() {
        ObjectNode body = CatalogIndex.query(IndexScan.term("kind", "mark"));
        body.put("size", 10_000);
        JsonNode answer = connection.callOrNull("POST", "/" + index + "/_search", Map.of(), body);
        Map<String, Mark> out = new HashMap<>();
        if (answer == null) return out; // no writer published yet
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            out.put(s.path("owner").asText(), new Mark(s.path("seq").asLong(), s.path("live").asInt()));
        }
        return out;
    }

    @Override
    public List<Change> changes(String owner, long after, long upTo) {
        ObjectNode seq = OpenSearchConnection.json().createObjectNode();
        seq.putObject("range").putObject("seq").put("gt", after).put("lte", upTo);
        List<ObjectNode> filters = new ArrayList<>(List.of(IndexScan.term("kind", "row"), IndexScan.term("owner", owner), seq));
        if (after < 0) filters.add(IndexScan.term("deleted", false));
        List<Change> out = new ArrayList<>();
        IndexScan.scan(connection, index, filters, List.of("seq", "path"), null, hit -> {
            JsonNode s = hit.path("_source");
            CatalogRow row = s.path("deleted").asBoolean() ? null : PublishedRowJson.read(s.path("row"));
            out.add(new Change(owner, s.path("seq").asLong(), s.path("path").asText(), row));
        });
        return out;
    }

    @Override
    public Optional<CatalogRow> row(String owner, String path) {
        JsonNode got = connection.callOrNull("GET", "/" + index + "/_doc/" + CatalogIndex.rowId(owner, path), Map.of("realtime", "true"), null);
        if (got == null || !got.path("found").asBoolean() || got.path("_source").path("deleted").asBoolean()) return Optional.empty();
        return Optional.of(PublishedRowJson.read(got.path("_source").path("row")));
    }
}
