package dev.docent.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The cluster index {@code NAME-catalog} that holds the writers' published catalog rows: its name,
 * mapping and document ids, shared by the writers' {@link ClusterCatalog} and the readers'
 * {@link ClusterCatalogFeed}.
 *
 * <p>Documents: one per owner and path ({@code kind: row}: owner, path, the owner's sequence
 * number of the publish that wrote it, {@code deleted} for a deletion's tombstone, the row's digest
 * and the row itself, stored but not indexed), and one mark per owner ({@code kind: mark}: the
 * sequence up to which its rows are all visible, and its live row count then).
 */
final class CatalogIndex {

    private CatalogIndex() {}

    /** The catalog index of the index named {@code name} in the configuration. */
    static String of(String name) {
        return name + "-catalog";
    }

    /** Creates {@code index} unless it exists (another writer may create it at the same moment: fine). */
    static void create(OpenSearchConnection connection, String index, int replicas) {
        if (connection.callOrNull("HEAD", "/" + index, null, null) != null) return;
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
            if (!e.getMessage().contains("resource_already_exists_exception")) throw e;
        }
    }

    /** A search body whose query requires every filter. */
    static ObjectNode query(ObjectNode... filters) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        var must = body.putObject("query").putObject("bool").putArray("filter");
        for (ObjectNode f : filters) must.add(f);
        return body;
    }

    static String rowId(String owner, String path) {
        return sha256(owner + "\n" + path);
    }

    static String markId(String owner) {
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
