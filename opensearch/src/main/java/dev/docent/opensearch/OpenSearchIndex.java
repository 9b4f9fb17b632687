package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.LanguageDetector;
import dev.docent.retriever.analysis.MultilingualAnalysis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The chunk index on an OpenSearch cluster: the {@link ChunkStore}, and through {@link #searcher()}
 * its {@link Searcher}. Two indices: {@code NAME} holds one document per chunk (id: the path's
 * SHA-256 and the chunk's place in its list), {@code NAME-documents} one per path with its chunk
 * count. Both refresh only when told, so searches see a write at {@link #refresh()} or
 * {@link #commit()}, never before, and a replaced document all at once.
 *
 * <p>A replace reads the path's record in real time (a get sees unrefreshed writes; a search would
 * not), then sends one bulk request: the new chunks over the old ids, deletes for the old ids beyond
 * the new count, the new record. Every item's result is checked. Writes are acknowledged by the
 * primary and its replicas and kept in their translogs before the answer: durable when acknowledged.
 */
public final class OpenSearchIndex implements DocumentIndex {

    /** As the Lucene index ({@code ChunkIndex.EXACT_KNN_BELOW}): below this many chunks vector search is exact. */
    public static final int EXACT_KNN_BELOW = 20_000;

    private final OpenSearchConnection connection;
    private final String chunks;
    private final String documents;
    /** This writer's name; null for a reader, which sees every owner's documents and writes nothing. */
    private final String owner;
    private final IndexOptions options;
    /** The sequence {@link #prepareCommit} stamped and {@link #commit()} writes; -1: none. */
    private long pendingSequence = -1;
    private final Object[] pathLocks = new Object[64];
    private volatile boolean chunkIndexExists;

    /**
     * @param shards primary shards of a new index
     * @param replicas copies of each shard on other nodes (1: a node may fail)
     */
    public record IndexOptions(int shards, int replicas, VectorFormat vectors, TextScoring scoring) {
        public static final IndexOptions DEFAULT = new IndexOptions(1, 1, VectorFormat.DEFAULT, TextScoring.DEFAULT);
    }

    private OpenSearchIndex(OpenSearchConnection connection, String name, String owner, IndexOptions options) {
        this.connection = connection;
        this.chunks = name;
        this.documents = name + "-documents";
        this.owner = owner;
        this.options = options;
        for (int i = 0; i < pathLocks.length; i++) pathLocks[i] = new Object();
    }

    /**
     * Opens the index {@code name} on the cluster, creating its record index if missing (the chunk
     * index is created at the first write, when the vectors' dimensions are known).
     *
     * @param owner this writer's name, stored with each chunk (several writers may share the index)
     */
    public static OpenSearchIndex open(OpenSearchConnection connection, String name, String owner, IndexOptions options) {
        checkName(name);
        if (owner == null || owner.isBlank()) throw new IllegalArgumentException("a writer of an OpenSearch index needs an owner name");
        OpenSearchIndex index = new OpenSearchIndex(connection, name, owner, options);
        index.createIfMissing(index.documents, ChunkMapping.documentIndex(options.shards(), options.replicas()));
        // Record indices from before the markers' commit time gain the field (adding a field is allowed; idempotent).
        connection.call("PUT", "/" + index.documents + "/_mapping", Map.of(), ChunkMapping.commitTimeField());
        index.chunkIndexExists = connection.callOrNull("HEAD", "/" + name, null, null) != null;
        return index;
    }

    /**
     * Creates the chunk index now, for vectors of {@code dimensions}, if it is missing (a generation
     * is made answerable by pointing an alias at it, which needs the index to exist), recording
     * {@code recipe} (what its chunks were built under) in its mapping's {@code _meta}.
     */
    public void createChunkIndex(int dimensions, String recipe) {
        checkWritable();
        if (chunkIndexExists) return;
        ObjectNode body = ChunkMapping.chunkIndex(dimensions, options.vectors(), options.scoring(), options.shards(), options.replicas());
        ((ObjectNode) body.path("mappings")).putObject("_meta").put("recipe", recipe);
        createIfMissing(chunks, body);
        chunkIndexExists = true;
    }

    /** The recipe {@link #createChunkIndex} recorded in the index (or the alias's index), or null. */
    public String recipe() {
        JsonNode mapping = connection.callOrNull("GET", "/" + chunks + "/_mapping", null, null);
        if (mapping == null || mapping.size() == 0) return null;
        String recipe = mapping.elements().next().path("mappings").path("_meta").path("recipe").asText(null);
        return recipe;
    }

    /**
     * Points the alias {@code alias} at {@code index}'s chunk index and {@code alias-documents} at its
     * record index, in ONE request: readers that search the alias see the old generation or the
     * new one, never a mix. Nothing is sent when the alias already points there.
     */
    public static void pointAlias(OpenSearchConnection connection, String alias, OpenSearchIndex index) {
        checkName(alias);
        String target = index.chunks;
        JsonNode current = connection.callOrNull("GET", "/_alias/" + alias, null, null);
        if (current != null && current.size() == 1 && current.has(target)) return;
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        var actions = body.putArray("actions");
        if (current != null) current.fieldNames().forEachRemaining(old -> {
            actions.addObject().putObject("remove").put("index", old).put("alias", alias);
            actions.addObject().putObject("remove").put("index", old + "-documents").put("alias", alias + "-documents");
        });
        actions.addObject().putObject("add").put("index", target).put("alias", alias);
        actions.addObject().putObject("add").put("index", index.documents).put("alias", alias + "-documents");
        connection.call("POST", "/_aliases", null, body);
    }

    /**
     * Opens the index (or alias) {@code name} for searching only: every owner's documents, no write,
     * nothing created. A missing index searches as empty.
     */
    public static OpenSearchIndex openReadOnly(OpenSearchConnection connection, String name) {
        checkName(name);
        OpenSearchIndex index = new OpenSearchIndex(connection, name, null, IndexOptions.DEFAULT);
        index.chunkIndexExists = connection.callOrNull("HEAD", "/" + name, null, null) != null;
        return index;
    }

    private static void checkName(String name) {
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT)) || name.isBlank() || name.startsWith("_") || name.startsWith("-")) {
            throw new IllegalArgumentException("not a valid OpenSearch index name: '" + name + "' (lower case, not starting with _ or -)");
        }
    }

    @Override
    public boolean readOnly() {
        return owner == null;
    }

    private void checkWritable() {
        if (owner == null) throw new IllegalStateException("the OpenSearch index " + chunks + " was opened read-only");
    }

    String chunkIndexName() {
        return chunks;
    }

    OpenSearchConnection connection() {
        return connection;
    }

    private void createIfMissing(String index, ObjectNode body) {
        if (connection.callOrNull("HEAD", "/" + index, null, null) != null) return;
        try {
            connection.call("PUT", "/" + index, Map.of("wait_for_active_shards", "1"), body);
        } catch (OpenSearchFailure e) {
            // Another writer created it meanwhile: fine, the same mapping.
            if (!e.getMessage().contains("resource_already_exists_exception")) throw e;
        }
    }

    @Override
    public void replaceDocument(String path, List<IndexedChunk> newChunks) {
        checkWritable();
        for (IndexedChunk c : newChunks) {
            if (!c.path().equals(path)) throw new IllegalArgumentException("chunk of " + c.path() + " given for " + path);
        }
        if (!newChunks.isEmpty() && !chunkIndexExists) {
            createIfMissing(chunks, ChunkMapping.chunkIndex(newChunks.getFirst().vector().length, options.vectors(), options.scoring(),
                    options.shards(), options.replicas()));
            chunkIndexExists = true;
        }
        String id = id(owner, path);
        Language documentLanguage = LanguageDetector.detect(sample(newChunks)).orElse(Language.ENGLISH);
        synchronized (pathLocks[Math.floorMod(path.hashCode(), pathLocks.length)]) {
            JsonNode record = connection.callOrNull("GET", "/" + documents + "/_doc/" + id, Map.of("realtime", "true"), null);
            int old = record == null || !record.path("found").asBoolean() ? 0 : record.path("_source").path("chunks").asInt();
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < newChunks.size(); i++) {
                IndexedChunk c = newChunks.get(i);
                Language language = MultilingualAnalysis.chunkLanguage(c.text(), documentLanguage);
                bulk.append("{\"index\":{\"_index\":").append(quote(chunks)).append(",\"_id\":").append(quote(id + "-" + i)).append("}}\n");
                bulk.append(OpenSearchConnection.toJson(ChunkMapping.source(c, language, i, owner))).append('\n');
            }
            for (int i = newChunks.size(); i < old; i++) {
                bulk.append("{\"delete\":{\"_index\":").append(quote(chunks)).append(",\"_id\":").append(quote(id + "-" + i)).append("}}\n");
            }
            if (newChunks.isEmpty()) {
                bulk.append("{\"delete\":{\"_index\":").append(quote(documents)).append(",\"_id\":").append(quote(id)).append("}}\n");
            } else {
                ObjectNode r = OpenSearchConnection.json().createObjectNode().put(ChunkMapping.PATH, path)
                        .put(ChunkMapping.OWNER, owner).put("chunks", newChunks.size());
                bulk.append("{\"index\":{\"_index\":").append(quote(documents)).append(",\"_id\":").append(quote(id)).append("}}\n");
                bulk.append(OpenSearchConnection.toJson(r)).append('\n');
            }
            if (newChunks.isEmpty() && old == 0 && record == null) return; // nothing of it was ever written
            checkBulk(connection.callNdjson("/_bulk", null, bulk.toString()), path);
        }
    }

    /** Throws when any item of the bulk write failed (a delete of what is already gone is no failure). */
    private static void checkBulk(JsonNode answer, String path) {
        if (!answer.path("errors").asBoolean()) return;
        StringBuilder reasons = new StringBuilder();
        int failed = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            if (status >= 300 && !(item.has("delete") && status == 404)) {
                if (failed++ < 3) reasons.append("; ").append(status).append(' ').append(result.path("error").path("type").asText())
                        .append(": ").append(result.path("error").path("reason").asText());
            }
        }
        if (failed > 0) throw new OpenSearchFailure(0, failed + " chunk write(s) of " + path + " failed" + reasons);
    }

    /** Deletes this writer's chunks and records (other owners' stay). */
    @Override
    public void deleteAll() {
        checkWritable();
        // A delete-by-query finds what searches see: first make every write visible, so none escapes.
        refresh();
        for (String index : List.of(chunks, documents)) {
            ObjectNode body = OpenSearchConnection.json().createObjectNode();
            var filter = body.putObject("query").putObject("bool").putArray("filter");
            filter.add(IndexScan.term(ChunkMapping.OWNER, owner));
            filter.add(IndexScan.exists(ChunkMapping.PATH)); // not the commit marker
            connection.callOrNull("POST", "/" + index + "/_delete_by_query", Map.of("conflicts", "proceed", "refresh", "true"), body);
        }
    }

    @Override
    public synchronized void prepareCommit(long sequence) {
        checkWritable();
        pendingSequence = sequence;
    }

    /**
     * Acknowledged writes are already durable (each bulk's translog is synced before its answer, on
     * the primary and the replicas), so a commit writes the owner's commit marker with the sequence
     * {@link #prepareCommit} stamped (acknowledged, so durable), then refreshes. A crash before the
     * marker leaves the chunks ahead of it, which the indexer's reconciliation handles as it does
     * a Lucene commit the catalog does not record yet.
     */
    @Override
    public synchronized void commit() {
        if (pendingSequence >= 0) {
            ObjectNode marker = OpenSearchConnection.json().createObjectNode().put(ChunkMapping.OWNER, owner)
                    .put(ChunkMapping.SEQUENCE, pendingSequence).put(ChunkMapping.COMMITTED_AT, System.currentTimeMillis());
            connection.call("PUT", "/" + documents + "/_doc/" + markerId(), Map.of(), marker);
            pendingSequence = -1;
        }
        refresh();
    }

    @Override
    public long committedSequence() {
        if (owner == null) return -1;
        JsonNode marker = connection.callOrNull("GET", "/" + documents + "/_doc/" + markerId(), Map.of("realtime", "true"), null);
        if (marker == null || !marker.path("found").asBoolean()) return -1;
        return marker.path("_source").path(ChunkMapping.SEQUENCE).asLong(-1);
    }

    private String markerId() {
        return "sequence-" + id(owner, "");
    }

    /** Every owner's documents: the records (not the owners' commit markers), as searches see them. */
    @Override
    public int documentCount() {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        body.putObject("query").putObject("bool").putArray("filter").add(IndexScan.exists(ChunkMapping.PATH));
        JsonNode count = connection.callOrNull("POST", "/" + documents + "/_count", null, body);
        return count == null ? 0 : count.path("count").asInt();
    }

    /** This writer's documents and their chunk counts, after a refresh (so writes acknowledged before a crash count). */
    @Override
    public Map<String, Integer> chunkCountsByPath() {
        refresh();
        Map<String, Integer> counts = new HashMap<>();
        IndexScan.scan(connection, documents, List.of(IndexScan.term(ChunkMapping.OWNER, owner), IndexScan.exists(ChunkMapping.PATH)),
                List.of(ChunkMapping.PATH), List.of(ChunkMapping.PATH, "chunks"),
                hit -> counts.put(hit.path("_source").path(ChunkMapping.PATH).asText(), hit.path("_source").path("chunks").asInt()));
        return counts;
    }

    @Override
    public List<Hit> chunksOf(String path) {
        List<Hit> hits = new ArrayList<>();
        scanPath(path, ChunkMapping.STORED, hit -> hits.add(FoundChunk.of(hit).toHit(1.0, 0, Double.NaN)));
        return hits;
    }

    @Override
    public List<String> regionsOf(String path, int page, int start, int end) {
        List<String> regions = new ArrayList<>();
        scanPath(path, List.of(ChunkMapping.PAGE, ChunkMapping.START, ChunkMapping.END, ChunkMapping.REGIONS), hit -> {
            JsonNode s = hit.path("_source");
            String r = s.path(ChunkMapping.REGIONS).asText("");
            if (r.isEmpty() || s.path(ChunkMapping.PAGE).asInt() != page) return;
            if (s.path(ChunkMapping.START).asInt() < end && s.path(ChunkMapping.END).asInt() > start) regions.add(r);
        });
        return regions;
    }

    @Override
    public List<IndexedChunk> storedChunksOf(String path) {
        List<IndexedChunk> out = new ArrayList<>();
        scanPath(path, null, hit -> {
            JsonNode s = hit.path("_source");
            float[] vector = ChunkMapping.vector(s);
            if (vector == null) throw new IllegalStateException("chunk of " + path + " has no vector");
            out.add(new IndexedChunk(path, s.path(ChunkMapping.TITLE).asText(), s.path(ChunkMapping.PAGE).asInt(),
                    s.path(ChunkMapping.HEADING).asText(), s.path(ChunkMapping.ORDINAL).asInt(), s.path(ChunkMapping.START).asInt(),
                    s.path(ChunkMapping.END).asInt(), s.path(ChunkMapping.TEXT).asText(), vector, s.path(ChunkMapping.REGIONS).asText("")));
        });
        return out;
    }

    @Override
    public void forEachChunk(java.util.function.Consumer<Hit> action) {
        if (owner == null) throw new UnsupportedOperationException("a reader of a shared index has no chunks of its own");
        IndexScan.scan(connection, chunks, List.of(IndexScan.term(ChunkMapping.OWNER, owner)),
                List.of(ChunkMapping.PATH, ChunkMapping.SEQ), ChunkMapping.STORED,
                hit -> action.accept(FoundChunk.of(hit).toHit(0, 0, Double.NaN)));
    }

    /**
     * Every chunk of {@code path} in document order: this writer's, or for a reader every owner's
     * (two machines may hold the same path; then one owner's chunks follow the other's).
     */
    private void scanPath(String path, List<String> source, java.util.function.Consumer<JsonNode> each) {
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(IndexScan.term(ChunkMapping.PATH, path));
        if (owner != null) filters.add(IndexScan.term(ChunkMapping.OWNER, owner));
        List<String> fields = source == null ? null : new ArrayList<>(source);
        if (fields != null && !fields.contains(ChunkMapping.ORDINAL)) fields.add(ChunkMapping.ORDINAL);
        List<JsonNode> hits = new ArrayList<>();
        IndexScan.scan(connection, chunks, filters, List.of(ChunkMapping.OWNER, ChunkMapping.SEQ), fields, hits::add);
        hits.sort(java.util.Comparator.comparing((JsonNode h) -> h.path("_source").path(ChunkMapping.OWNER).asText(""))
                .thenComparingInt(h -> h.path("_source").path(ChunkMapping.ORDINAL).asInt()));
        hits.forEach(each);
    }

    @Override
    public void refresh() {
        String indices = chunkIndexExists ? chunks + "," + documents : documents;
        connection.call("POST", "/" + indices + "/_refresh", Map.of("ignore_unavailable", "true"), null);
    }

    @Override
    public int chunkCount() {
        if (!chunkIndexExists && connection.callOrNull("HEAD", "/" + chunks, null, null) == null) return 0;
        JsonNode count = connection.callOrNull("GET", "/" + chunks + "/_count", null, null);
        return count == null ? 0 : count.path("count").asInt();
    }

    /** The searching side over this index, default scoring. */
    public Searcher searcher() {
        return searcher(EXACT_KNN_BELOW);
    }

    /** As {@link #searcher()}, with exact vector search below {@code exactKnnBelow} chunks (0: always HNSW), as eval's option. */
    public Searcher searcher(int exactKnnBelow) {
        return new OpenSearchSearcher(connection, chunks, options.scoring(), exactKnnBelow);
    }

    /**
     * Deletes both indices from the cluster and starts empty ones (the chunk index at the next
     * write, as at open). Eval rebuilds its index so: a delete-by-query would leave the deleted
     * chunks in BM25's statistics until a merge. Refuses when the index holds a chunk another
     * owner wrote.
     */
    public void drop() {
        checkWritable();
        if (chunkIndexExists || connection.callOrNull("HEAD", "/" + chunks, null, null) != null) {
            refresh();
            ObjectNode others = OpenSearchConnection.json().createObjectNode();
            others.putObject("query").putObject("bool").putArray("must_not").addObject().putObject("term").put(ChunkMapping.OWNER, owner);
            long foreign = connection.call("POST", "/" + chunks + "/_count", null, others).path("count").asLong();
            if (foreign > 0) {
                throw new IllegalStateException("the index " + chunks + " holds " + foreign + " chunks that " + owner
                        + " did not write: not deleting it");
            }
        }
        for (String index : List.of(chunks, documents)) connection.callOrNull("DELETE", "/" + index, null, null);
        chunkIndexExists = false;
        createIfMissing(documents, ChunkMapping.documentIndex(options.shards(), options.replicas()));
    }

    @Override
    public void close() {
        // The connection is the caller's: several indices (generations) may share one.
    }

    /** The start of a document's text, enough to tell its language (as the Lucene index takes it). */
    private static String sample(List<IndexedChunk> chunks) {
        var sb = new StringBuilder();
        for (IndexedChunk c : chunks) {
            if (sb.length() > 20_000) break;
            sb.append(c.title()).append('\n').append(c.text()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A path's id: the SHA-256 of its owner and the path (paths can be longer than an id may be and
     * hold any character; two writers may hold the same path on their own machines).
     */
    static String id(String owner, String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((owner + "\n" + path).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return OpenSearchConnection.toJson(OpenSearchConnection.json().getNodeFactory().textNode(s));
    }
}
