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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BM25 and kNN on the cluster, each to the requested depth, in one multi-search; then the score
 * each retriever did not give, exactly, as the Lucene searcher does: BM25 by the same query limited
 * to those chunks' ids, cosine from the stored vector. BM25 runs as {@code dfs_query_then_fetch}
 * (statistics of the whole index, not of each shard: the scores of one Lucene index over the same
 * chunks), and every request of a search prefers the same shard copies. Vector search is exact
 * (every vector scored by the k-NN plugin's script) below {@link OpenSearchIndex#EXACT_KNN_BELOW}
 * chunks, as the Lucene index, and HNSW above.
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
        if (!state.exists() || state.chunks() == 0) return new OpenSearchRetrieval(List.of(), List.of(), null);
        Map<Language, Set<String>> terms = text == null ? Map.of() : QueryText.analysed(state.languages(), text);
        ObjectNode bm25 = QueryText.scored(terms, scoring);
        StringBuilder msearch = new StringBuilder();
        if (bm25 != null) {
            ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", depth).put("track_total_hits", false);
            search.set("query", bm25);
            TermWeights.requestFrequencies(search, terms);
            msearch.append(header(true)).append('\n').append(OpenSearchConnection.toJson(search)).append('\n');
        }
        if (vector != null) {
            msearch.append(header(false)).append('\n').append(OpenSearchConnection.toJson(vectorSearch(vector, depth, state))).append('\n');
        }
        if (msearch.isEmpty()) return new OpenSearchRetrieval(List.of(), List.of(), null);
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
        fillBm25(found, bm25);
        for (Found f : found.values()) {
            if (vector != null && Double.isNaN(f.cosine)) f.cosine = FoundChunk.dot(vector, f.chunk.vector());
        }
        List<Candidate> candidates = new ArrayList<>(found.size());
        List<OpenSearchRetrieval.Entry> entries = new ArrayList<>(found.size());
        for (Found f : found.values()) {
            candidates.add(new Candidate(candidates.size(), f.bm25, f.cosine, f.bm25Rank, f.vectorRank));
            entries.add(new OpenSearchRetrieval.Entry(f.chunk, f.matched));
        }
        return new OpenSearchRetrieval(candidates, entries, weights);
    }

    /** The BM25 of the chunks only the vector search found: the same query, filtered to their ids (0 when none matches). */
    private void fillBm25(Map<String, Found> found, ObjectNode bm25) {
        List<String> missing = new ArrayList<>();
        for (var e : found.entrySet()) if (Double.isNaN(e.getValue().bm25)) missing.add(e.getKey());
        if (missing.isEmpty()) return;
        if (bm25 != null) {
            for (JsonNode hit : scoredAmong(bm25, missing)) {
                Found f = found.get(hit.path("_id").asText());
                f.bm25 = hit.path("_score").floatValue();
                f.matched = FoundChunk.of(hit).matched;
            }
        }
        for (String id : missing) if (Double.isNaN(found.get(id).bm25)) found.get(id).bm25 = 0;
    }

    /** The hits of {@code bm25} among the chunks {@code ids}, scored as in the full search, without their sources. */
    JsonNode scoredAmong(ObjectNode bm25, List<String> ids) {
        ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", ids.size()).put("_source", false);
        ObjectNode bool = search.putObject("query").putObject("bool");
        bool.putArray("must").add(bm25);
        ArrayNode values = bool.putArray("filter").addObject().putObject("ids").putArray("values");
        ids.forEach(values::add);
        return connection.call("POST", "/" + index + "/_search",
                Map.of("search_type", "dfs_query_then_fetch", "preference", preference), search).path("hits").path("hits");
    }

    private ObjectNode vectorSearch(float[] vector, int depth, IndexState state) {
        ObjectNode search = OpenSearchConnection.json().createObjectNode().put("size", depth).put("track_total_hits", false);
        if (state.chunks() < exactBelow) {
            ObjectNode script = search.putObject("query").putObject("script_score");
            script.putObject("query").putObject("match_all");
            ObjectNode s = script.putObject("script").put("source", "knn_score").put("lang", "knn");
            ObjectNode params = s.putObject("params").put("field", ChunkMapping.VECTOR).put("space_type", "cosinesimil");
            ArrayNode v = params.putArray("query_value");
            for (float x : vector) v.add(x);
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
