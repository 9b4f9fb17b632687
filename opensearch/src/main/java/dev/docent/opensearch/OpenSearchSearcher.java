package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.Candidate;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.analysis.Language;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BM25 and kNN on the cluster, each to the requested depth, in one multi-search; then the score
 * each retriever did not give, exactly, as the Lucene searcher does: BM25 by the same query limited
 * to those chunks' ids, cosine by the k-NN script on theirs. BM25 runs as {@code dfs_query_then_fetch}
 * (statistics of the whole index, not of each shard: the scores of one Lucene index over the same
 * chunks), and every request of a search prefers the same shard copies. Vector search is exact
 * (every vector scored by the k-NN plugin's script) below {@link OpenSearchIndex#EXACT_KNN_BELOW}
 * chunks, as the Lucene index, and HNSW above. Vectors do not come with the hits (384 floats
 * each, for ~200 hits a retrieval): {@link Retrieval#vector} fetches the few it is asked for.
 */
final class OpenSearchSearcher implements Searcher {

    private final OpenSearchConnection connection;
    private final String index;
    private final TextScoring scoring;
    private final int exactBelow;
    /** One name per searcher: its requests go to the same copies of each shard. */
    private final String preference = "docent-" + Long.toHexString(System.nanoTime());

    OpenSearchSearcher(OpenSearchConnection connection, String index, TextScoring scoring, int exactBelow) {
        this.connection = connection;
        this.index = index;
        this.scoring = scoring;
        this.exactBelow = exactBelow;
    }

    /** A candidate's evidence while it is gathered: {bm25, cosine} NaN until known. */
    private static final class Found {
        final FoundChunk chunk;
        double bm25 = Double.NaN;
        double cosine = Double.NaN;
        int bm25Rank;
        int vectorRank;
        Set<String> matched;

        Found(FoundChunk chunk) {
            this.chunk = chunk;
            this.matched = chunk.matched;
        }
    }

    @Override
    public Retrieval retrieve(String text, float[] vector, int depth) {
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        IndexState state = IndexState.of(connection, index, preference);
        if (!state.exists() || state.chunks() == 0) return new OpenSearchRetrieval(List.of(), List.of(), null, this::vectors);
        Map<Language, Set<String>> terms = text == null ? Map.of() : QueryText.analysed(state.languages(), text);
        ObjectNode bm25 = QueryText.scored(terms, scoring);
        StringBuilder msearch = new StringBuilder();
        if (bm25 != null) {
            ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", depth).put("track_total_hits", false);
            search.putObject("_source").putArray("excludes").add(ChunkMapping.VECTOR);
            search.set("query", bm25);
            TermWeights.requestFrequencies(search, terms);
            msearch.append(header(true)).append('\n').append(OpenSearchConnection.toJson(search)).append('\n');
        }
        if (vector != null) {
            msearch.append(header(false)).append('\n').append(OpenSearchConnection.toJson(vectorSearch(vector, depth, state))).append('\n');
        }
        if (msearch.isEmpty()) return new OpenSearchRetrieval(List.of(), List.of(), null, this::vectors);
        JsonNode responses = connection.callNdjson("/_msearch", null, msearch.toString()).path("responses");
        Map<String, Found> found = new LinkedHashMap<>();
        TermWeights weights = null;
        int r = 0;
        if (bm25 != null) {
            JsonNode answer = checked(responses.get(r++));
            weights = TermWeights.of(answer, terms, state);
            int rank = 0;
            for (JsonNode hit : answer.path("hits").path("hits")) {
                Found f = found.computeIfAbsent(hit.path("_id").asText(), id -> new Found(FoundChunk.of(hit)));
                f.bm25 = f.chunk.score;
                f.bm25Rank = ++rank;
            }
        }
        if (vector != null) {
            JsonNode answer = checked(responses.get(r));
            int rank = 0;
            for (JsonNode hit : answer.path("hits").path("hits")) {
                Found f = found.computeIfAbsent(hit.path("_id").asText(), id -> new Found(FoundChunk.of(hit)));
                // cosinesimil scores (1 + cosine) / 2, on the Lucene engine and in the exact script alike.
                f.cosine = 2.0 * hit.path("_score").floatValue() - 1.0;
                f.vectorRank = ++rank;
            }
        }
        // Chunks of a version their record does not name (a replace half done, or its old version
        // not deleted yet) are not shown: one request for the records of all the candidates.
        Set<Found> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(new CurrentVersions(connection, index + "-documents", preference)
                .retain(new ArrayList<>(found.values()), f -> f.chunk.source));
        found.values().retainAll(current);
        fillMissing(found, bm25, vector);
        List<Candidate> candidates = new ArrayList<>(found.size());
        List<OpenSearchRetrieval.Entry> entries = new ArrayList<>(found.size());
        for (Found f : found.values()) {
            candidates.add(new Candidate(candidates.size(), f.bm25, f.cosine, f.bm25Rank, f.vectorRank));
            entries.add(new OpenSearchRetrieval.Entry(f.chunk, f.matched));
        }
        return new OpenSearchRetrieval(candidates, entries, weights, this::vectors);
    }

    /**
     * The scores each retriever did not give, in one multi-search: BM25 of the chunks only the
     * vector search found (the same query filtered to their ids; 0 when none of its terms is in
     * them), cosine of the chunks only BM25 found (the k-NN script on their ids: (1 + cos) / 2 as a
     * float, so the cosine to ~1e-7, without sending their vectors).
     */
    private void fillMissing(Map<String, Found> found, ObjectNode bm25, float[] vector) {
        List<String> noBm25 = new ArrayList<>(), noCosine = new ArrayList<>();
        for (var e : found.entrySet()) {
            if (Double.isNaN(e.getValue().bm25)) noBm25.add(e.getKey());
            if (vector != null && Double.isNaN(e.getValue().cosine)) noCosine.add(e.getKey());
        }
        boolean bm25Fill = bm25 != null && !noBm25.isEmpty(), cosineFill = !noCosine.isEmpty();
        if (bm25Fill || cosineFill) {
            StringBuilder msearch = new StringBuilder();
            if (bm25Fill) msearch.append(header(true)).append('\n').append(OpenSearchConnection.toJson(among(bm25, noBm25))).append('\n');
            if (cosineFill) {
                ObjectNode ids = OpenSearchConnection.json().createObjectNode();
                ArrayNode values = ids.putObject("ids").putArray("values");
                noCosine.forEach(values::add);
                ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", noCosine.size()).put("_source", false);
                search.set("query", exactVector(ids, vector));
                msearch.append(header(false)).append('\n').append(OpenSearchConnection.toJson(search)).append('\n');
            }
            JsonNode responses = connection.callNdjson("/_msearch", null, msearch.toString()).path("responses");
            int r = 0;
            if (bm25Fill) {
                for (JsonNode hit : checked(responses.get(r++)).path("hits").path("hits")) {
                    Found f = found.get(hit.path("_id").asText());
                    f.bm25 = hit.path("_score").floatValue();
                    f.matched = FoundChunk.of(hit).matched;
                }
            }
            if (cosineFill) {
                for (JsonNode hit : checked(responses.get(r)).path("hits").path("hits")) {
                    found.get(hit.path("_id").asText()).cosine = 2.0 * hit.path("_score").floatValue() - 1.0;
                }
            }
        }
        for (Found f : found.values()) if (Double.isNaN(f.bm25)) f.bm25 = 0; // no shared term, or no query text
    }

    /** The search of {@code bm25} among the chunks {@code ids}, scored as in the full search, without their sources. */
    private static ObjectNode among(ObjectNode bm25, List<String> ids) {
        ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", ids.size()).put("_source", false);
        ObjectNode bool = search.putObject("query").putObject("bool");
        bool.putArray("must").add(bm25);
        ArrayNode values = bool.putArray("filter").addObject().putObject("ids").putArray("values");
        ids.forEach(values::add);
        return search;
    }

    /** Every chunk {@code filter} matches, scored (1 + cosine) / 2 to {@code vector} by the k-NN plugin's exact script. */
    static ObjectNode exactVector(ObjectNode filter, float[] vector) {
        ObjectNode query = OpenSearchConnection.json().createObjectNode();
        ObjectNode script = query.putObject("script_score");
        script.set("query", filter);
        ObjectNode s = script.putObject("script").put("source", "knn_score").put("lang", "knn");
        ObjectNode params = s.putObject("params").put("field", ChunkMapping.VECTOR).put("space_type", "cosinesimil");
        ArrayNode v = params.putArray("query_value");
        for (float x : vector) v.add(x);
        return query;
    }

    /** The stored vectors of the chunks {@code ids}, as searches see them (the last refresh). */
    Map<String, float[]> vectors(List<String> ids) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        ArrayNode values = body.putArray("ids");
        ids.forEach(values::add);
        Map<String, float[]> out = new java.util.HashMap<>();
        for (JsonNode doc : connection.call("POST", "/" + index + "/_mget", Map.of("_source_includes", ChunkMapping.VECTOR,
                "preference", preference, "realtime", "false"), body).path("docs")) {
            if (doc.path("found").asBoolean()) out.put(doc.path("_id").asText(), ChunkMapping.vector(doc.path("_source")));
        }
        return out;
    }

    /** The hits of {@code bm25} among the chunks {@code ids}, scored as in the full search, without their sources. */
    JsonNode scoredAmong(ObjectNode bm25, List<String> ids) {
        return connection.call("POST", "/" + index + "/_search",
                Map.of("search_type", "dfs_query_then_fetch", "preference", preference), among(bm25, ids)).path("hits").path("hits");
    }

    private ObjectNode vectorSearch(float[] vector, int depth, IndexState state) {
        ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", depth).put("track_total_hits", false);
        search.putObject("_source").putArray("excludes").add(ChunkMapping.VECTOR);
        if (state.chunks() < exactBelow) {
            ObjectNode all = OpenSearchConnection.json().createObjectNode();
            all.putObject("match_all");
            search.set("query", exactVector(all, vector));
        } else {
            ObjectNode knn = search.putObject("query").putObject("knn").putObject(ChunkMapping.VECTOR).put("k", depth);
            ArrayNode v = knn.putArray("vector");
            for (float x : vector) v.add(x);
        }
        return search;
    }

    private String header(boolean dfs) {
        ObjectNode h = OpenSearchConnection.json().createObjectNode().put("index", index).put("preference", preference);
        if (dfs) h.put("search_type", "dfs_query_then_fetch");
        return OpenSearchConnection.toJson(h);
    }

    static JsonNode checked(JsonNode response) {
        if (response.has("error")) {
            JsonNode e = response.path("error");
            throw new OpenSearchFailure(response.path("status").asInt(), "search failed: " + e.path("type").asText() + ": "
                    + e.path("reason").asText() + " " + e.path("root_cause"));
        }
        return response;
    }

    @Override
    public List<DocumentMatch> matchDocuments(DocumentMatchQuery query) {
        return new DocumentMatching(connection, index, scoring, preference, this).match(query);
    }
}
