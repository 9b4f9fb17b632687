package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.publish.CatalogRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A catalog row as JSON in the cluster's catalog index: every field of {@link DocumentRecord}
 * (times as epoch milliseconds, absent when null) and the text's dates as epoch days. Stored, not
 * indexed (the readers filter in their own SQLite mirror), so a new field needs no mapping change.
 */
final class PublishedRowJson {

    private PublishedRowJson() {}

    static ObjectNode of(CatalogRow row) {
        DocumentRecord r = row.record();
        ObjectNode o = OpenSearchConnection.json().createObjectNode();
        o.put("path", r.path()).put("size", r.size()).put("modified", r.modified().toEpochMilli());
        putIfSet(o, "sha256", r.sha256());
        o.put("status", r.status().name());
        putIfSet(o, "error", r.error());
        putIfSet(o, "title", r.title());
        o.put("pages", r.pages()).put("chunks", r.chunks());
        if (r.indexedAt() != null) o.put("indexed_at", r.indexedAt().toEpochMilli());
        o.put("attempts", r.attempts());
        if (r.retryAt() != null) o.put("retry_at", r.retryAt().toEpochMilli());
        putIfSet(o, "note", r.note());
        putIfSet(o, "author", r.author());
        if (r.created() != null) o.put("created", r.created().toEpochMilli());
        putIfSet(o, "language", r.language());
        var days = o.putArray("dates");
        for (LocalDate d : row.textDates()) days.add(d.toEpochDay());
        return o;
    }

    static CatalogRow read(JsonNode o) {
        var r = new DocumentRecord(o.path("path").asText(), o.path("size").asLong(), Instant.ofEpochMilli(o.path("modified").asLong()),
                text(o, "sha256"), DocumentStatus.valueOf(o.path("status").asText()), text(o, "error"), text(o, "title"),
                o.path("pages").asInt(), o.path("chunks").asInt(), time(o, "indexed_at"), o.path("attempts").asInt(),
                time(o, "retry_at"), text(o, "note"), text(o, "author"), time(o, "created"), text(o, "language"));
        List<LocalDate> dates = new ArrayList<>();
        for (JsonNode d : o.path("dates")) dates.add(LocalDate.ofEpochDay(d.asLong()));
        return new CatalogRow(r, dates);
    }

    /** What tells a published row from the catalog's: the SHA-256 of its JSON (fields in a fixed order). */
    static String digest(ObjectNode json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(OpenSearchConnection.toJson(json).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) o.put(field, value);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : Instant.ofEpochMilli(v.asLong());
    }
}
