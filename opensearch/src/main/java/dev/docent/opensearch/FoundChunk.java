package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.retriever.Hit;
import java.util.HashSet;
import java.util.Set;

/**
 * One chunk as a search answered it: its id, stored fields, vector (when asked for), score and
 * the names of the term clauses it matched.
 */
final class FoundChunk {

    final String id;
    final JsonNode source;
    final float score;
    final Set<String> matched;

    private FoundChunk(String id, JsonNode source, float score, Set<String> matched) {
        this.id = id;
        this.source = source;
        this.score = score;
        this.matched = matched;
    }

    static FoundChunk of(JsonNode hit) {
        Set<String> matched = new HashSet<>();
        for (JsonNode n : hit.path("matched_queries")) matched.add(n.asText());
        return new FoundChunk(hit.path("_id").asText(), hit.path("_source"), hit.path("_score").floatValue(), matched);
    }

    String path() {
        return source.path(ChunkMapping.PATH).asText();
    }

    int ordinal() {
        return source.path(ChunkMapping.ORDINAL).asInt();
    }

    int seq() {
        return source.path(ChunkMapping.SEQ).asInt();
    }

    Hit toHit(double score, double bm25, double cosine) {
        return new Hit(path(), source.path(ChunkMapping.TITLE).asText(), source.path(ChunkMapping.PAGE).asInt(),
                source.path(ChunkMapping.HEADING).asText(), ordinal(), source.path(ChunkMapping.START).asInt(),
                source.path(ChunkMapping.END).asInt(), source.path(ChunkMapping.TEXT).asText(), score, bm25, cosine);
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("query vector has " + a.length + " dimensions, the index " + b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
