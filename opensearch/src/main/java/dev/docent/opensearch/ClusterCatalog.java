package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.indexer.publish.CatalogFeed;
import dev.docent.indexer.publish.CatalogPublisher;
import dev.docent.indexer.publish.CatalogRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writers' catalogs published in the cluster index {@code NAME-catalog}, for read-only servers
 * that have none. Outside the generations: a row does not depend on the chunking recipe, and a
 * reader lists the same rows whichever generation the alias names.
 *
 * <p>Documents: one per owner and path ({@code kind: row}: owner, path, the owner's sequence
 * number of the publish that wrote it, {@code deleted} for a deletion's tombstone, the row's digest
 * and the row itself, stored but not indexed), and one mark per owner ({@code kind: mark}: the
 * sequence up to which its rows are all visible, and its live row count then). A publish writes
 * its rows in bulks of {@link #BULK}, each under the next sequence number and refreshed, then the
 * mark: a reader reads past a mark never, so it never sees part of a publish and skips the rest.
 * Tombstones older than a day are purged at the writer's reconcile; a reader that missed one sees
 * the mark's count disagree and reads that owner again.
 *
 * <p>Locking: the writer's side under this object's monitor (the sync's commits and a switch's
 * reconcile); the reader's side holds no state.
 */
public final class ClusterCatalog implements CatalogPublisher, CatalogFeed {

    private static final Logger log = LoggerFactory.getLogger(ClusterCatalog.class);
    /** Rows per bulk request (and per sequence number). */
    static final int BULK = 500;
    /** How long a deletion's tombstone stays for readers that have not seen it yet. */
    static final long TOMBSTONE_MILLIS = 24 * 3600 * 1000L;

    private final OpenSearchConnection connection;
    private final String index;
    /** This writer's owner name; null for a reader. */
    private final String owner;
    private final int replicas;
    private boolean created;
    /** The last sequence this owner published; -1 before the first reconcile read it. */
    private long sequence = -1;
    /** A publish failed: the next commit reconciles everything instead. */
    private boolean owed;

    /**
     * @param name the index name in the configuration ({@code NAME}); the rows go to {@code NAME-catalog}
     * @param owner this writer's owner name, or null for a reader
     */
    public ClusterCatalog(OpenSearchConnection connection, String name, String owner, int replicas) {
        this.connection = connection;
        this.index = name + "-catalog";
        this.owner = owner;
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
        requireWriter();
        owed = true; // until it succeeded
        ensureIndex();
        Map<String, String> published = new HashMap<>(); // live rows: path -> digest
        long[] max = {readMark().map(Mark::sequence).orElse(-1L)};
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
        requireWriter();
        if (put.isEmpty() && deleted.isEmpty() && !always) return;
        ensureIndex();
        if (sequence < 0) sequence = readMark().map(Mark::sequence).orElse(-1L);
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
                query(IndexScan.term("kind", "row"), IndexScan.term("owner", owner), IndexScan.term("deleted", false))).path("count").asLong();
        ObjectNode mark = OpenSearchConnection.json().createObjectNode().put("kind", "mark").put("owner", owner)
                .put("seq", sequence).put("live", live).put("at", now);
        connection.call("PUT", "/" + index + "/_doc/" + markId(owner), Map.of("refresh", "true"), mark);
    }

    private ObjectNode rowDocument(String path, long now) {
        return OpenSearchConnection.json().createObjectNode().put("kind", "row").put("owner", owner).put("path", path)
                .put("seq", sequence + 1).put("at", now);
    }

    /** Adds one row; sends the bulk when it holds {@link #BULK}, so each bulk is one sequence number. */
    private int append(StringBuilder bulk, int items, String path, ObjectNode doc) {
        bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"")
                .append(rowId(owner, path)).append("\"}}\n").append(OpenSearchConnection.toJson(doc)).append('\n');
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
                query(IndexScan.term("kind", "row"), IndexScan.term("owner", owner), IndexScan.term("deleted", true), old));
    }

    private Optional<Mark> readMark() {
        JsonNode got = connection.callOrNull("GET", "/" + index + "/_doc/" + markId(owner), Map.of("realtime", "true"), null);
        if (got == null || !got.path("found").asBoolean()) return Optional.empty();
        JsonNode s = got.path("_source");
        return Optional.of(new Mark(s.path("seq").asLong(), s.path("live").asInt()));
    }

    @Override
    public Map<String, Mark> marks() {
        ObjectNode body = query(IndexScan.term("kind", "mark"));
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
        JsonNode got = connection.callOrNull("GET", "/" + index + "/_doc/" + rowId(owner, path), Map.of("realtime", "true"), null);
        if (got == null || !got.path("found").asBoolean() || got.path("_source").path("deleted").asBoolean()) return Optional.empty();
        return Optional.of(PublishedRowJson.read(got.path("_source").path("row")));
    }

    private void ensureIndex() {
        if (created) return;
        if (connection.callOrNull("HEAD", "/" + index, null, null) == null) {
            ObjectNode body = OpenSearchConnection.json().createObjectNode();
            body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", replicas);
            ObjectNode mappings = body.putObject("mappings").put("dynamic", "strict");
            ObjectNode p = mappings.putObject("properties");
            for (String keyword : List.of("kind", "owner", "path", "digest")) p.putObject(keyword).put("type", "keyword");
            p.putObject("seq").put("type", "long");
            p.putObject("at").put("type", "long");
            p.putObject("live").put("type", "integer");
            p.putObject("deleted").put("type", "boolean");
            p.putObject("row").put("type", "object").put("enabled", false);
            try {
                connection.call("PUT", "/" + index, Map.of("wait_for_active_shards", "1"), body);
            } catch (OpenSearchFailure e) {
                if (!e.getMessage().contains("resource_already_exists_exception")) throw e; // another writer made it meanwhile
            }
        }
        created = true;
    }

    private void requireWriter() {
        if (owner == null) throw new IllegalStateException("a reader of " + index + " publishes nothing");
    }

    private static ObjectNode query(ObjectNode... filters) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        var must = body.putObject("query").putObject("bool").putArray("filter");
        for (ObjectNode f : filters) must.add(f);
        return body;
    }

    private static String rowId(String owner, String path) {
        return sha256(owner + "\n" + path);
    }

    private static String markId(String owner) {
        return "mark-" + sha256(owner);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
