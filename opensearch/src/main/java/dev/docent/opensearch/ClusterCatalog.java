package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.indexer.publish.CatalogPublisher;
import dev.docent.indexer.publish.CatalogRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's catalog published in the cluster index {@code NAME-catalog} ({@link CatalogIndex}),
 * for read-only servers that have none ({@link ClusterCatalogFeed}). Outside the generations: a
 * row does not depend on the chunking recipe, and a reader lists the same rows whichever
 * generation the alias names. A publish writes its rows in bulks of {@link #BULK}, each under the
 * next sequence number and refreshed, then the mark: a reader never reads past a mark, so it never
 * sees part of a publish and skips the rest.
 * Tombstones older than a day are purged at the writer's reconcile; a reader that missed one sees
 * the mark's count disagree and reads that owner again.
 *
 * <p>Locking: under this object's monitor (the sync's commits and a switch's reconcile).
 */
public final class ClusterCatalog implements CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(ClusterCatalog.class);
    /** Rows per bulk request (and per sequence number). */
    static final int BULK = 500;
    /** How long a deletion's tombstone stays for readers that have not seen it yet. */
    static final long TOMBSTONE_MILLIS = 24 * 3600 * 1000L;

    private final OpenSearchConnection connection;
    private final String index;
    /** This writer's owner name. */
    private final String owner;
    private final int replicas;
    private boolean created;
    /** The last sequence this owner published; -1 before the first reconcile read it. */
    private long sequence = -1;
    /** A publish failed: the next commit reconciles everything instead. */
    private boolean owed;

    /**
     * @param name the index name in the configuration ({@code NAME}); the rows go to {@code NAME-catalog}
     * @param owner this writer's owner name
     */
    public ClusterCatalog(OpenSearchConnection connection, String name, String owner, int replicas) {
        this.connection = connection;
        this.index = CatalogIndex.of(name);
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
        this.replicas = replicas;
    }

    /** The cluster index that holds the rows. */
    public String indexName() {
        return index;
    }

    @Override
    public synchronized void committed(List<CatalogRow> put, List<String> deleted, Supplier<List<CatalogRow>> all) {
        try {
            if (owed) reconcile(all.get());
            else publish(put, deleted);
        } catch (RuntimeException e) {
            owed = true;
            log.warn("Publishing the catalog's rows to {} failed ({}); the next commit publishes them all", index, e.getMessage());
        }
    }

    @Override
    public synchronized void reconcile(List<CatalogRow> all) {
        owed = true; // until it succeeded
        ensureIndex();
        Map<String, String> published = new HashMap<>(); // live rows: path -> digest
        long[] max = {markedSequence()};
        IndexScan.scan(connection, index, List.of(IndexScan.term("kind", "row"), IndexScan.term("owner", owner)),
                List.of("path"), List.of("path", "seq", "deleted", "digest"), hit -> {
                    JsonNode s = hit.path("_source");
                    max[0] = Math.max(max[0], s.path("seq").asLong());
                    if (!s.path("deleted").asBoolean()) published.put(s.path("path").asText(), s.path("digest").asText());
                });
        sequence = Math.max(sequence, max[0]);
        List<CatalogRow> put = new ArrayList<>();
        for (CatalogRow row : all) {
            String digest = published.remove(row.path());
            if (digest == null || !digest.equals(PublishedRowJson.digest(PublishedRowJson.of(row)))) put.add(row);
        }
        List<String> gone = new ArrayList<>(published.keySet()); // published, no longer in the catalog
        purgeTombstones();
        if (!put.isEmpty() || !gone.isEmpty()) {
            log.info("Published catalog of {} reconciled: {} row(s) published, {} deleted", owner, put.size(), gone.size());
        }
        publish(put, gone, true);
        owed = false;
    }

    private void publish(List<CatalogRow> put, List<String> deleted) {
        publish(put, deleted, false);
    }

    /** Writes the rows and tombstones in bulks, one sequence number each, then the mark ({@code always}: even with no rows). */
    private void publish(List<CatalogRow> put, List<String> deleted, boolean always) {
        if (put.isEmpty() && deleted.isEmpty() && !always) return;
        ensureIndex();
        if (sequence < 0) sequence = markedSequence();
        long now = System.currentTimeMillis();
        StringBuilder bulk = new StringBuilder();
        int items = 0;
        for (CatalogRow row : put) {
            ObjectNode json = PublishedRowJson.of(row);
            ObjectNode doc = rowDocument(row.path(), now).put("deleted", false).put("digest", PublishedRowJson.digest(json));
            doc.set("row", json);
            items = append(bulk, items, row.path(), doc);
        }
        for (String path : deleted) items = append(bulk, items, path, rowDocument(path, now).put("deleted", true));
        if (items > 0) send(bulk);
        int live = (int) connection.call("POST", "/" + index + "/_count", Map.of(),
                CatalogIndex.query(IndexScan.term("kind", "row"), IndexScan.term("owner", owner), IndexScan.term("deleted", false))).path("count").asLong();
        ObjectNode mark = OpenSearchConnection.json().createObjectNode().put("kind", "mark").put("owner", owner)
                .put("seq", sequence).put("live", live).put("at", now);
        connection.call("PUT", "/" + index + "/_doc/" + CatalogIndex.markId(owner), Map.of("refresh", "true"), mark);
    }

    private ObjectNode rowDocument(String path, long now) {
        return OpenSearchConnection.json().createObjectNode().put("kind", "row").put("owner", owner).put("path", path)
                .put("seq", sequence + 1).put("at", now);
    }

    /** Adds one row; sends the bulk when it holds {@link #BULK}, so each bulk is one sequence number. */
    private int append(StringBuilder bulk, int items, String path, ObjectNode doc) {
        bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"")
                .append(CatalogIndex.rowId(owner, path)).append("\"}}\n").append(OpenSearchConnection.toJson(doc)).append('\n');
        if (++items < BULK) return items;
        send(bulk);
        return 0;
    }

    /** Sends the bulk (refreshed before it answers), every item checked; its rows took the next sequence number. */
    private void send(StringBuilder bulk) {
        JsonNode answer = connection.callNdjson("/_bulk", Map.of("refresh", "true"), bulk.toString());
        bulk.setLength(0);
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                if (result.path("status").asInt() >= 300) {
                    throw new OpenSearchFailure(result.path("status").asInt(), "publishing catalog rows to " + index + ": "
                            + result.path("error").path("reason").asText());
                }
            }
        }
        sequence++;
    }

    private void purgeTombstones() {
        ObjectNode old = OpenSearchConnection.json().createObjectNode();
        old.putObject("range").putObject("at").put("lt", System.currentTimeMillis() - TOMBSTONE_MILLIS);
        connection.call("POST", "/" + index + "/_delete_by_query", Map.of("conflicts", "proceed", "refresh", "true"),
                CatalogIndex.query(IndexScan.term("kind", "row"), IndexScan.term("owner", owner), IndexScan.term("deleted", true), old));
    }

    /** The sequence this owner's mark says (-1: none yet). */
    private long markedSequence() {
        JsonNode got = connection.callOrNull("GET", "/" + index + "/_doc/" + CatalogIndex.markId(owner), Map.of("realtime", "true"), null);
        return got == null || !got.path("found").asBoolean() ? -1 : got.path("_source").path("seq").asLong();
    }

    private void ensureIndex() {
        if (created) return;
        CatalogIndex.create(connection, index, replicas);
        created = true;
    }

}
