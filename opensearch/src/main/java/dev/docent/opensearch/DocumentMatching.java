package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.BackgroundCut;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Relevance;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.analysis.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code Searcher.matchDocuments} on the cluster, exhaustive as the Lucene index's
 * {@code DocumentMatcher}: every chunk that passes the text filter (paged with search_after, each
 * with its BM25 score), every chunk whose cosine reaches the threshold (the k-NN plugin's exact
 * script with a minimum score, the cosine then recomputed here from the stored vector, so the
 * threshold is applied exactly), grouped by path. Pages carry only path, place and (when needed)
 * vector; the passages shown are fetched by id afterwards.
 */
final class DocumentMatching {

    private static final int PAGE = 1000;

    private final OpenSearchConnection connection;
    private final String index;
    private final TextScoring scoring;
    private final String preference;
    private final OpenSearchSearcher searcher;
    /** The records' versions as this match reads them (one instance per match): chunks of another version are skipped. */
    private final CurrentVersions current;

    DocumentMatching(OpenSearchConnection connection, String index, TextScoring scoring, String preference, OpenSearchSearcher searcher) {
        this.connection = connection;
        this.index = index;
        this.scoring = scoring;
        this.preference = preference;
        this.searcher = searcher;
        this.current = new CurrentVersions(connection, index + "-documents", preference);
    }

    /** A matching chunk while matches are gathered. */
    private static final class Chunk {
        final String id;
        final String path;
        final int seq;
        final int ordinal;
        double bm25 = Double.NaN;
        double cosine = Double.NaN;
        boolean text;
        Set<String> matched = Set.of();

        Chunk(String id, String path, int seq, int ordinal) {
            this.id = id;
            this.path = path;
            this.seq = seq;
            this.ordinal = ordinal;
        }

        /** The chunk's id in the index (its owner's and path's hash, and its place). */
        String id() {
            return id;
        }
    }

    /** Text matches first by BM25, then the rest by cosine, then index order. */
    private static final Comparator<Chunk> BEST_FIRST = Comparator.<Chunk, Boolean>comparing(c -> !c.text)
            .thenComparing(c -> c.text ? -c.bm25 : -c.cosine)
            .thenComparingInt(c -> c.seq);

    List<DocumentMatch> match(DocumentMatchQuery q) {
        IndexState state = IndexState.of(connection, index, preference);
        if (!state.exists() || state.chunks() == 0) return List.of();
        if (!q.hasText() && q.vector() == null) return firstChunks(q);
        Map<String, Chunk> chunks = new LinkedHashMap<>(); // id -> chunk
        Map<Language, Set<String>> terms = q.hasText() ? QueryText.analysed(state.languages(), q.text()) : Map.of();
        ObjectNode scored = QueryText.scored(terms, scoring);
        ObjectNode required = q.hasText() ? QueryText.required(state.languages(), q.text()) : null;
        if (required != null && scored != null) {
            ObjectNode filtered = json();
            filtered.putObject("bool").putArray("must").add(scored);
            ((ObjectNode) filtered.path("bool")).putArray("filter").add(required);
            scan(filtered, q.vector() != null, true, hit -> {
                Chunk c = chunk(hit);
                if (!accepted(q, c.path)) return;
                c.bm25 = hit.path("_score").floatValue();
                c.text = true;
                c.matched = FoundChunk.of(hit).matched;
                if (q.vector() != null) c.cosine = FoundChunk.dot(q.vector(), ChunkMapping.vector(hit.path("_source")));
                chunks.put(c.id(), c);
            });
        }
        double minCosine = q.minCosine();
        if (q.vector() != null) {
            // With the background cut every accepted chunk is scanned (the cut depends on all
            // documents' best cosines); the chunks that may reach it wait aside until it is known.
            boolean cut = q.backgroundCut();
            double keepFrom = cut ? Math.min(BackgroundCut.FLOOR, Relevance.DEFAULT_DOCUMENT_MATCH_COSINE) : q.minCosine();
            Map<String, Double> best = new HashMap<>();
            List<Chunk> aside = new ArrayList<>();
            ObjectNode script = json();
            ObjectNode ss = script.putObject("script_score");
            ss.putObject("query").putObject("match_all");
            ObjectNode params = ss.putObject("script").put("source", "knn_score").put("lang", "knn").putObject("params")
                    .put("field", ChunkMapping.VECTOR).put("space_type", "cosinesimil");
            ArrayNode v = params.putArray("query_value");
            for (float x : q.vector()) v.add(x);
            // (1 + cosine) / 2, a little below the threshold: the exact cosine below decides.
            ss.put("min_score", cut ? 0f : (float) Math.max(0, (1 + q.minCosine()) / 2 - 1e-4));
            scan(script, true, true, hit -> {
                Chunk c = chunk(hit);
                if (!accepted(q, c.path)) return;
                double cosine = FoundChunk.dot(q.vector(), ChunkMapping.vector(hit.path("_source")));
                if (cut) best.merge(c.path, cosine, Math::max);
                if (chunks.containsKey(c.id()) || cosine < keepFrom) return;
                c.cosine = cosine;
                if (cut) aside.add(c);
                else chunks.put(c.id(), c);
            });
            if (cut) {
                double[] bests = best.values().stream().mapToDouble(Double::doubleValue).toArray();
                minCosine = BackgroundCut.of(bests, bests.length);
                for (Chunk c : aside) if (c.cosine >= minCosine) chunks.put(c.id(), c);
            }
        }
        Map<String, List<Chunk>> byPath = new LinkedHashMap<>();
        for (Chunk c : chunks.values()) byPath.computeIfAbsent(c.path, p -> new ArrayList<>()).add(c);
        List<Chunk> shown = new ArrayList<>();
        List<String> missingBm25 = new ArrayList<>();
        for (List<Chunk> cs : byPath.values()) {
            cs.sort(BEST_FIRST);
            for (Chunk c : cs.subList(0, Math.min(cs.size(), q.passagesPerDocument()))) {
                shown.add(c);
                if (!c.text) missingBm25.add(c.id());
            }
        }
        // The BM25 of shown passages only the vector found (one filtered search for all of them).
        if (scored != null && !missingBm25.isEmpty()) {
            for (JsonNode hit : searcher.scoredAmong(scored, missingBm25)) {
                Chunk c = chunks.get(hit.path("_id").asText());
                c.bm25 = hit.path("_score").floatValue();
                c.matched = FoundChunk.of(hit).matched;
            }
        }
        for (Chunk c : shown) if (Double.isNaN(c.bm25)) c.bm25 = 0;
        TermWeights weights = scored == null ? null : weights(scored, terms, state);
        Map<String, FoundChunk> stored = load(shown.stream().map(Chunk::id).toList());
        List<DocumentMatch> out = new ArrayList<>(byPath.size());
        for (List<Chunk> all : byPath.values()) {
            boolean textMatch = false, vectorMatch = false;
            double score = Double.NEGATIVE_INFINITY;
            for (Chunk c : all) {
                textMatch |= c.text;
                vectorMatch |= c.cosine >= minCosine;
                double chunkScore = q.vector() != null ? c.cosine : c.bm25;
                if (!Double.isNaN(chunkScore)) score = Math.max(score, chunkScore);
            }
            List<Hit> hits = new ArrayList<>();
            for (Chunk c : all.subList(0, Math.min(all.size(), q.passagesPerDocument()))) {
                Hit hit = stored.get(c.id()).toHit(q.vector() != null ? c.cosine : c.bm25, c.bm25, c.cosine);
                hits.add(weights == null ? hit : weights.withTextMatch(hit, c.matched));
            }
            out.add(new DocumentMatch(all.getFirst().path, hits, textMatch, vectorMatch, Double.isInfinite(score) ? 0 : score, all.size()));
        }
        out.sort(Comparator.comparingDouble(DocumentMatch::score).reversed().thenComparing(DocumentMatch::path));
        return out;
    }

    /** No condition: every accepted document with its first chunks in document order, by path. */
    private List<DocumentMatch> firstChunks(DocumentMatchQuery q) {
        Map<String, List<Chunk>> byPath = new HashMap<>();
        scan(matchAll(), false, false, hit -> {
            Chunk c = chunk(hit);
            if (accepted(q, c.path)) byPath.computeIfAbsent(c.path, p -> new ArrayList<>()).add(c);
        });
        List<Chunk> shown = new ArrayList<>();
        for (List<Chunk> cs : byPath.values()) {
            cs.sort(Comparator.<Chunk>comparingInt(c -> c.ordinal).thenComparingInt(c -> c.seq));
            shown.addAll(cs.subList(0, Math.min(cs.size(), q.passagesPerDocument())));
        }
        Map<String, FoundChunk> stored = load(shown.stream().map(Chunk::id).toList());
        List<DocumentMatch> out = new ArrayList<>(byPath.size());
        for (List<Chunk> cs : byPath.values()) {
            List<Hit> hits = cs.subList(0, Math.min(cs.size(), q.passagesPerDocument())).stream()
                    .map(c -> stored.get(c.id()).toHit(0, 0, Double.NaN)).toList();
            out.add(new DocumentMatch(cs.getFirst().path, hits, false, false, 0, cs.size()));
        }
        out.sort(Comparator.comparing(DocumentMatch::path));
        return out;
    }

    private static ObjectNode matchAll() {
        ObjectNode q = json();
        q.putObject("match_all");
        return q;
    }

    private static boolean accepted(DocumentMatchQuery q, String path) {
        return q.paths() == null || q.paths().test(path);
    }

    private static Chunk chunk(JsonNode hit) {
        JsonNode s = hit.path("_source");
        return new Chunk(hit.path("_id").asText(), s.path(ChunkMapping.PATH).asText(), s.path(ChunkMapping.SEQ).asInt(), s.path(ChunkMapping.ORDINAL).asInt());
    }

    /** Every hit of {@code query}, a page at a time, in (path, seq) order; BM25 statistics of the whole index when scored. */
    private void scan(ObjectNode query, boolean withVector, boolean scores, Consumer<JsonNode> each) {
        JsonNode after = null;
        while (true) {
            ObjectNode search = json().put("size", PAGE).put("track_total_hits", false).put("track_scores", scores);
            search.set("query", query);
            ArrayNode sort = search.putArray("sort");
            sort.addObject().put(ChunkMapping.PATH, "asc");
            sort.addObject().put(ChunkMapping.OWNER, "asc"); // two writers may hold the same path
            sort.addObject().put(ChunkMapping.SEQ, "asc");
            ArrayNode includes = search.putObject("_source").putArray("includes").add(ChunkMapping.PATH).add(ChunkMapping.SEQ)
                    .add(ChunkMapping.ORDINAL).add(ChunkMapping.OWNER).add(ChunkMapping.VERSION);
            if (withVector) includes.add(ChunkMapping.VECTOR);
            if (after != null) search.set("search_after", after);
            Map<String, String> params = scores ? Map.of("search_type", "dfs_query_then_fetch", "preference", preference)
                    : Map.of("preference", preference);
            JsonNode hits = connection.call("POST", "/" + index + "/_search", params, search).path("hits").path("hits");
            List<JsonNode> page = new ArrayList<>(hits.size());
            hits.forEach(page::add);
            current.retain(page, hit -> hit.path("_source")).forEach(each);
            if (hits.size() < PAGE) return;
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    /** The stored fields (no vector) of chunks by id, as searches see them (the last refresh). */
    private Map<String, FoundChunk> load(List<String> ids) {
        Map<String, FoundChunk> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            ObjectNode body = json();
            ArrayNode values = body.putArray("ids");
            ids.subList(from, Math.min(ids.size(), from + PAGE)).forEach(values::add);
            Map<String, String> params = Map.of("_source_includes", String.join(",", ChunkMapping.STORED), "preference", preference,
                    "realtime", "false");
            for (JsonNode doc : connection.call("POST", "/" + index + "/_mget", params, body).path("docs")) {
                if (doc.path("found").asBoolean()) out.put(doc.path("_id").asText(), FoundChunk.of(doc));
            }
        }
        return out;
    }

    /** The idf of the query's terms, from a size-0 search carrying the frequency aggregations. */
    private TermWeights weights(ObjectNode scored, Map<Language, Set<String>> terms, IndexState state) {
        ObjectNode search = json().put("size", 0).put("track_total_hits", false);
        search.set("query", scored);
        TermWeights.requestFrequencies(search, terms);
        return TermWeights.of(connection.call("POST", "/" + index + "/_search", Map.of("preference", preference), search), terms, state);
    }

    private static ObjectNode json() {
        return OpenSearchConnection.json().createObjectNode();
    }
}
