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
 * <p>A replace writes the new chunks under a new version, then switches the path's record to it;
 * searches show only chunks of their record's version ({@link CurrentVersions}), so another
 * writer's refresh in the middle of a replace exposes no half document. The old version's chunks
 * are deleted after this writer's next refresh; a crash's leftovers at the next {@link #open}.
 * Every item's result is checked. Writes are acknowledged by the primary and its replicas and kept
 * in their translogs before the answer: durable when acknowledged.
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
    /** Replaces since the last refresh, by record id: their records switch at the next one. */
    private final Map<String, RecordSwitch> pending = new java.util.concurrent.ConcurrentHashMap<>();
    /** Replaces hold it shared; the records' switch exclusively (see {@link #publish}). */
    private final java.util.concurrent.locks.ReadWriteLock switching = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final Object refreshing = new Object();
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
        index.chunkIndexExists = connection.callOrNull("HEAD", "/" + name, null, null) != null;
        // Indices written before chunk versions and the markers' commit time lack those fields;
        // adding a field is allowed on a live index (and idempotent).
        connection.call("PUT", "/" + index.documents + "/_mapping", null, ChunkMapping.commitTimeField());
        connection.call("PUT", "/" + index.documents + "/_mapping", null, ChunkMapping.versionField());
        if (index.chunkIndexExists) connection.call("PUT", "/" + name + "/_mapping", null, ChunkMapping.versionField());
        StaleVersions.delete(connection, name, index.documents, owner);
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

    /**
     * Replaces {@code path}'s chunks so that no search sees half of the old and half of the new,
     * even while other writers refresh the shared index at any moment (see {@link CurrentVersions}):
     * the new chunks go under new ids (a new version) now; the record is switched to that version
     * at this writer's next {@link #refresh()} or {@link #commit()}, after a refresh made all the
     * new chunks visible; the old version's chunks are deleted once the switch is visible. Until
     * then searches show the old version (as a Lucene index shows its last commit). A crash
     * leaves chunks of versions no record names: searches skip them, the next {@link #open}
     * deletes them.
     */
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
        switching.readLock().lock();
        try {
            synchronized (pathLocks[Math.floorMod(path.hashCode(), pathLocks.length)]) {
                List<String> obsolete = new ArrayList<>();
                String previous = "";
                RecordSwitch earlier = pending.get(id);
                if (earlier != null) {
                    previous = earlier.version() == null ? "" : earlier.version();
                    // Replaced twice before a refresh: the record still names the first one's old version.
                    obsolete.addAll(earlier.obsolete());
                    for (int i = 0; i < earlier.chunks(); i++) obsolete.add(chunkId(id, earlier.version(), i));
                } else {
                    // Real time: a get sees this writer's unrefreshed writes (a search would not).
                    JsonNode record = connection.callOrNull("GET", "/" + documents + "/_doc/" + id, Map.of("realtime", "true"), null);
                    if (record != null && record.path("found").asBoolean()) {
                        String oldVersion = CurrentVersions.versionOf(record.path("_source"));
                        previous = oldVersion;
                        int oldCount = record.path("_source").path("chunks").asInt();
                        for (int i = 0; i < oldCount; i++) obsolete.add(chunkId(id, oldVersion, i));
                    } else if (newChunks.isEmpty()) {
                        return; // no record names it; chunks a crash left go at the next open
                    }
                }
                String version = newChunks.isEmpty() ? null : newVersion(previous);
                if (version != null) {
                    StringBuilder bulk = new StringBuilder();
                    for (int i = 0; i < newChunks.size(); i++) {
                        IndexedChunk c = newChunks.get(i);
                        Language language = MultilingualAnalysis.chunkLanguage(c.text(), documentLanguage);
                        bulk.append("{\"index\":{\"_index\":").append(quote(chunks)).append(",\"_id\":")
                                .append(quote(chunkId(id, version, i))).append("}}\n");
                        bulk.append(OpenSearchConnection.toJson(ChunkMapping.source(c, language, i, owner, version))).append('\n');
                    }
                    checkBulk(connection.callNdjson("/_bulk", null, bulk.toString()), path);
                }
                pending.put(id, new RecordSwitch(id, path, version, newChunks.size(), obsolete));
            }
        } finally {
            switching.readLock().unlock();
        }
    }

    /**
     * A replace whose chunks are written and whose record is not switched yet.
     *
     * @param version the new version, or null when the document is deleted
     * @param obsolete chunk ids to delete once the switch is visible
     */
    private record RecordSwitch(String id, String path, String version, int chunks, List<String> obsolete) {}

    /** For tests: runs in {@link #refresh()} after the new chunks became visible, before the records switch. */
    volatile Runnable beforeRecordSwitch;
    /** For tests: runs in {@link #refresh()} after the switch became visible, before the old versions are deleted. */
    volatile Runnable beforeOldVersionsDeleted;

    /** The id of chunk {@code place} of a document's {@code version} ("": written before versions, ids without one). */
    static String chunkId(String recordId, String version, int place) {
        return version.isEmpty() ? recordId + "-" + place : recordId + "-" + version + "-" + place;
    }

    /** A version unlike {@code old}: random, so a crash's leftovers can never be mistaken for a later replace. */
    private static String newVersion(String old) {
        while (true) {
            String v = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
            if (!v.equals(old) && !v.isEmpty()) return v;
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
     * the primary and the replicas), so a commit switches the records of the replaces since the
     * last refresh (see {@link #refresh()}), writes the owner's commit marker with the sequence
     * {@link #prepareCommit} stamped (acknowledged, so durable), then refreshes. A crash before the
     * switch loses the replaces (as an uncommitted Lucene write: the catalog does not have them
     * either); a crash between the switch and the marker leaves records ahead of it, which the
     * indexer's reconciliation handles as it does a Lucene commit the catalog does not record yet.
     */
    @Override
    public synchronized void commit() {
        long sequence = pendingSequence;
        publish(sequence < 0 ? null : () -> {
            ObjectNode marker = OpenSearchConnection.json().createObjectNode().put(ChunkMapping.OWNER, owner)
                    .put(ChunkMapping.SEQUENCE, sequence).put(ChunkMapping.COMMITTED_AT, System.currentTimeMillis());
            connection.call("PUT", "/" + documents + "/_doc/" + markerId(), Map.of(), marker);
        });
        pendingSequence = -1;
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
        CurrentVersions current = new CurrentVersions(connection, documents, null);
        IndexScan.scanPages(connection, chunks, List.of(IndexScan.term(ChunkMapping.OWNER, owner)),
                List.of(ChunkMapping.PATH, ChunkMapping.SEQ), ChunkMapping.STORED,
                page -> current.retain(page, hit -> hit.path("_source")).forEach(hit -> action.accept(FoundChunk.of(hit).toHit(0, 0, Double.NaN))));
    }

    /**
     * Every chunk of {@code path} in document order, of the version its record names: this
     * writer's, or for a reader every owner's (two machines may hold the same path; then one
     * owner's chunks follow the other's).
     */
    private void scanPath(String path, List<String> source, java.util.function.Consumer<JsonNode> each) {
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(IndexScan.term(ChunkMapping.PATH, path));
        if (owner != null) filters.add(IndexScan.term(ChunkMapping.OWNER, owner));
        List<String> fields = source == null ? null : new ArrayList<>(source);
        if (fields != null) {
            for (String needed : List.of(ChunkMapping.ORDINAL, ChunkMapping.OWNER, ChunkMapping.PATH, ChunkMapping.VERSION)) {
                if (!fields.contains(needed)) fields.add(needed);
            }
        }
        List<JsonNode> hits = List.of();
        // A read that straddled another writer's switch holds part of the new version: read again.
        for (int attempt = 0; attempt < 5; attempt++) {
            List<JsonNode> found = new ArrayList<>();
            IndexScan.scan(connection, chunks, filters, List.of(ChunkMapping.OWNER, ChunkMapping.SEQ), fields, found::add);
            CurrentVersions current = new CurrentVersions(connection, documents, null);
            hits = new ArrayList<>(current.retain(found, hit -> hit.path("_source")));
            if (current.whole(hits)) break;
        }
        hits.sort(java.util.Comparator.comparing((JsonNode h) -> h.path("_source").path(ChunkMapping.OWNER).asText(""))
                .thenComparingInt(h -> h.path("_source").path(ChunkMapping.ORDINAL).asInt()));
        hits.forEach(each);
    }

    /**
     * Makes every acknowledged write visible to searches: the replaces since the last refresh
     * switch their records (after a refresh that makes their new chunks visible), then a refresh
     * makes the switches visible, then their old versions are deleted.
     */
    @Override
    public void refresh() {
        publish(null);
    }

    /**
     * The refresh, with {@code beforeVisible} (the commit's marker) written after the records'
     * switch and before the refresh that shows it. One at a time; replaces wait only while the
     * switches are written, so that a replace of the same path reads the record it supersedes.
     */
    private void publish(Runnable beforeVisible) {
        synchronized (refreshing) {
            List<RecordSwitch> switches = List.of();
            switching.writeLock().lock();
            try {
                switches = new ArrayList<>(pending.values());
                pending.clear();
                if (!switches.isEmpty()) {
                    connection.call("POST", "/" + chunks + "/_refresh", Map.of("ignore_unavailable", "true"), null);
                    Runnable hook = beforeRecordSwitch;
                    if (hook != null) hook.run();
                    switchRecords(switches);
                }
            } catch (RuntimeException e) {
                // Not (or not all) switched: the next refresh tries again (switching twice is
                // harmless); searches meanwhile show the versions the records name, still whole.
                for (RecordSwitch s : switches) pending.putIfAbsent(s.id(), s);
                throw e;
            } finally {
                switching.writeLock().unlock();
            }
            if (beforeVisible != null) beforeVisible.run();
            String indices = chunkIndexExists ? chunks + "," + documents : documents;
            connection.call("POST", "/" + indices + "/_refresh", Map.of("ignore_unavailable", "true"), null);
            Runnable hook = beforeOldVersionsDeleted;
            if (hook != null) hook.run();
            List<String> old = new ArrayList<>();
            for (RecordSwitch s : switches) old.addAll(s.obsolete());
            for (int from = 0; from < old.size(); from += 1000) {
                StringBuilder bulk = new StringBuilder();
                for (String id : old.subList(from, Math.min(old.size(), from + 1000))) {
                    bulk.append("{\"delete\":{\"_index\":").append(quote(chunks)).append(",\"_id\":").append(quote(id)).append("}}\n");
                }
                checkBulk(connection.callNdjson("/_bulk", null, bulk.toString()), "replaced documents");
            }
        }
    }

    /** Points each record at its new version (or deletes it), in bulk requests whose every item is checked. */
    private void switchRecords(List<RecordSwitch> switches) {
        for (int from = 0; from < switches.size(); from += 500) {
            StringBuilder bulk = new StringBuilder();
            for (RecordSwitch s : switches.subList(from, Math.min(switches.size(), from + 500))) {
                if (s.version() == null) {
                    bulk.append("{\"delete\":{\"_index\":").append(quote(documents)).append(",\"_id\":").append(quote(s.id())).append("}}\n");
                } else {
                    ObjectNode r = OpenSearchConnection.json().createObjectNode().put(ChunkMapping.PATH, s.path())
                            .put(ChunkMapping.OWNER, owner).put("chunks", s.chunks()).put(ChunkMapping.VERSION, s.version());
                    bulk.append("{\"index\":{\"_index\":").append(quote(documents)).append(",\"_id\":").append(quote(s.id())).append("}}\n");
                    bulk.append(OpenSearchConnection.toJson(r)).append('\n');
                }
            }
            checkBulk(connection.callNdjson("/_bulk", null, bulk.toString()), "the records of replaced documents");
        }
    }

    /**
     * The chunks searches can show: the sum of the records' counts (every owner's), as the last
     * refresh shows them. Not the chunk index's document count, which includes, for a moment,
     * replaced versions waiting for their delete.
     */
    @Override
    public int chunkCount() {
        ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", 0).put("track_total_hits", false);
        body.putObject("query").putObject("bool").putArray("filter").add(IndexScan.exists(ChunkMapping.PATH));
        body.putObject("aggs").putObject("chunks").putObject("sum").put("field", "chunks");
        JsonNode answer = connection.callOrNull("POST", "/" + documents + "/_search", null, body);
        return answer == null ? 0 : (int) answer.path("aggregations").path("chunks").path("value").asDouble();
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
        pending.clear();
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
