package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.ChunkStore;
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
public final class OpenSearchIndex implements ChunkStore {

    /** As the Lucene index ({@code ChunkIndex.EXACT_KNN_BELOW}): below this many chunks vector search is exact. */
    public static final int EXACT_KNN_BELOW = 20_000;

    private final OpenSearchConnection connection;
    private final String chunks;
    private final String documents;
    private final String owner;
    private final IndexOptions options;
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
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT)) || name.isBlank() || name.startsWith("_") || name.startsWith("-")) {
            throw new IllegalArgumentException("not a valid OpenSearch index name: '" + name + "' (lower case, not starting with _ or -)");
        }
        OpenSearchIndex index = new OpenSearchIndex(connection, name, owner, options);
        index.createIfMissing(index.documents, ChunkMapping.documentIndex(options.shards(), options.replicas()));
        index.chunkIndexExists = connection.callOrNull("HEAD", "/" + name, null, null) != null;
        return index;
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
        for (IndexedChunk c : newChunks) {
            if (!c.path().equals(path)) throw new IllegalArgumentException("chunk of " + c.path() + " given for " + path);
        }
        if (!newChunks.isEmpty() && !chunkIndexExists) {
            createIfMissing(chunks, ChunkMapping.chunkIndex(newChunks.getFirst().vector().length, options.vectors(), options.scoring(),
                    options.shards(), options.replicas()));
            chunkIndexExists = true;
        }
        String id = id(path);
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

    @Override
    public void deleteAll() {
        // A delete-by-query finds what searches see: first make every write visible, so none escapes.
        refresh();
        for (String index : List.of(chunks, documents)) {
            connection.callOrNull("POST", "/" + index + "/_delete_by_query", Map.of("conflicts", "proceed"),
                    "{\"query\":{\"match_all\":{}}}");
        }
    }

    @Override
    public void commit() {
        // Acknowledged writes are already durable (the translog is synced per request by default).
        refresh();
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

    /** A path's id: its SHA-256 (paths can be longer than an id may be, and hold any character). */
    static String id(String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return OpenSearchConnection.toJson(OpenSearchConnection.json().getNodeFactory().textNode(s));
    }
}
