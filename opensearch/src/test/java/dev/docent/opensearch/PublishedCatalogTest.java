package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.indexer.halt.HaltPoints;
import dev.docent.indexer.publish.CatalogRow;
import dev.docent.opensearch.cluster.TestCluster;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog rows writers publish to {@code NAME-catalog} and the read-only server's mirror of
 * them, on the real 2-node cluster: the published rows follow the catalog both ways at a writer's
 * open (rows lost between a catalog commit and its publish, by hand and by a writer halted exactly
 * there; rows of documents gone), and a mirror opened before follows; a path two writers publish
 * is listed once, naming the other, and the other's row takes over when the first deletes it.
 */
class PublishedCatalogTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static ClusterStorage storage(String name, String owner) {
        return new ClusterStorage(ClusterIndices.connection(), name, owner, OpenSearchIndex.IndexOptions.DEFAULT);
    }

    private static Indexer writer(Path data, String name, String owner) {
        return Indexer.open(data, new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults(), storage(name, owner));
    }

    private static Indexer reader(Path data, String name) {
        return Indexer.openShared(data, new HashEmbedder(), Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.defaults(),
                storage(name, "reader"));
    }

    private static Map<String, DocumentRecord> published(String name, String owner) {
        return ClusterChunks.published(ClusterIndices.connection(), name, owner);
    }

    private static Map<String, DocumentRecord> byPath(List<DocumentRecord> records) {
        return ClusterChunks.byPath(records);
    }

    private static String rowId(String owner, String path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((owner + "\n" + path).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWritersOpenReconcilesItsPublishedRowsBothWaysAndTheMirrorFollows(@TempDir Path tmp) throws Exception {
        String name = "pub-" + Long.toHexString(System.nanoTime());
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (String f : List.of("one", "two", "three")) Files.writeString(docs.resolve(f + ".txt"), "The " + f + " report, dated 2025-03-14.");
        Path data = tmp.resolve("a-data");
        Map<String, DocumentRecord> catalog;
        try (Indexer a = writer(data, name, "writer-a")) {
            assertEquals(3, a.sync(List.of(docs), SyncProgress.NONE).indexed());
            catalog = byPath(a.documents());
            assertEquals(catalog, published(name, "writer-a"), "each commit publishes its rows");
        }

        // What a crash between catalog commits and their publishes leaves: a row never published,
        // a row whose document is gone still published, a row published with old content.
        String index = name + "-catalog";
        String two = docs.resolve("two.txt").toString();
        String three = docs.resolve("three.txt").toString();
        String ghost = docs.resolve("ghost.txt").toString();
        var connection = ClusterIndices.connection();
        connection.call("DELETE", "/" + index + "/_doc/" + rowId("writer-a", two), Map.of("refresh", "true"), null);
        CatalogRow stale = new CatalogRow(catalog.get(three).withNote("stale"), List.of());
        for (var e : Map.of(ghost, new CatalogRow(catalog.get(three).withNote("ghost"), List.of()), three, stale).entrySet()) {
            ObjectNode row = PublishedRowJson.of(e.getValue());
            ObjectNode ghostRow = OpenSearchConnection.json().createObjectNode().put("kind", "row").put("owner", "writer-a")
                    .put("path", e.getKey()).put("seq", 0).put("at", System.currentTimeMillis()).put("deleted", false)
                    .put("digest", PublishedRowJson.digest(row));
            ghostRow.set("row", ((ObjectNode) row).put("path", e.getKey()));
            connection.call("PUT", "/" + index + "/_doc/" + rowId("writer-a", e.getKey()), Map.of("refresh", "true"), ghostRow);
        }
        assertEquals(java.util.Set.of(docs.resolve("one.txt").toString(), three, ghost), published(name, "writer-a").keySet());

        try (Indexer r = reader(tmp.resolve("reader-data"), name)) {
            assertEquals(published(name, "writer-a").keySet(), byPath(r.documents()).keySet(), "the mirror lists what is published");
            try (Indexer a = writer(data, name, "writer-a")) {
                assertEquals(catalog, published(name, "writer-a"), "the open published the missing row, deleted the gone one, fixed the stale one");
                assertEquals(3, new ClusterCatalogFeed(connection, name).marks().get("writer-a").liveRows());
                r.syncMirror();
                assertEquals(catalog, byPath(r.documents()), "the reader's mirror follows");
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWriterHaltedBetweenItsCatalogCommitAndThePublishConvergesAtItsNextOpen(@TempDir Path tmp) throws Exception {
        String name = "pubhalt-" + Long.toHexString(System.nanoTime());
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 5; i++) Files.writeString(docs.resolve("note-" + i + ".txt"), "Note " + i + " on the harbour cranes.");
        Path data = tmp.resolve("data");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + HaltPoints.PROPERTY + "=" + HaltPoints.CATALOG_COMMITTED + ":1",
                "-cp", System.getProperty("java.class.path"), ClusterCrashChild.class.getName(), data.toString(), docs.toString(),
                TestCluster.get().hosts(), name, "writer-h"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        assertEquals(HaltPoints.EXIT_CODE, child.exitValue(), output);
        assertTrue(output.contains(HaltPoints.MARK + HaltPoints.CATALOG_COMMITTED + ":1"), output);
        assertTrue(published(name, "writer-h").isEmpty(), "halted before publishing: " + published(name, "writer-h").keySet());

        try (Indexer h = writer(data, name, "writer-h")) {
            Map<String, DocumentRecord> catalog = byPath(h.documents());
            assertFalse(catalog.isEmpty(), "the catalog committed rows before the halt");
            assertEquals(catalog, published(name, "writer-h"), "the next open published them");
            h.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(5, h.status().indexed());
            assertEquals(byPath(h.documents()), published(name, "writer-h"));
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aPathTwoWritersPublishIsListedOnceNamingTheOtherWhichTakesOverWhenTheFirstDeletesIt(@TempDir Path tmp) throws Exception {
        String name = "pubsame-" + Long.toHexString(System.nanoTime());
        Path docs = Files.createDirectories(tmp.resolve("shared-docs"));
        Files.writeString(docs.resolve("plan.txt"), "The fleet plan: twelve battery trucks.");
        Files.writeString(docs.resolve("menu.txt"), "Lentil soup on Fridays.");
        String plan = docs.resolve("plan.txt").toString();
        try (Indexer a = writer(tmp.resolve("a-data"), name, "writer-a"); Indexer c = writer(tmp.resolve("c-data"), name, "writer-c")) {
            a.sync(List.of(docs), SyncProgress.NONE);
            c.sync(List.of(docs), SyncProgress.NONE);
            try (Indexer r = reader(tmp.resolve("reader-data"), name)) {
                Map<String, DocumentRecord> listed = byPath(r.documents());
                assertEquals(2, listed.size(), "one row per path: " + listed.keySet());
                assertTrue(listed.get(plan).note().contains("also indexed by writer-c"), listed.get(plan).note());

                Files.delete(docs.resolve("plan.txt"));
                assertEquals(1, a.sync(List.of(docs), SyncProgress.NONE).removed());
                r.syncMirror();
                DocumentRecord taken = byPath(r.documents()).get(plan);
                assertTrue(taken != null, "writer-c's row stays listed");
                assertEquals(c.document(plan).orElseThrow(), taken, "writer-c's own row, without the note");

                c.sync(List.of(docs), SyncProgress.NONE);
                r.syncMirror();
                assertEquals(List.of(docs.resolve("menu.txt").toString()), new ArrayList<>(byPath(r.documents()).keySet()));
            }
        }
    }
}
