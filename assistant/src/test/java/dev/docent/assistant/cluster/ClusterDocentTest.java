package dev.docent.assistant.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.assistant.IndexBackend;
import dev.docent.assistant.StatusReport;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Citation;
import dev.docent.indexer.SyncProgress;
import dev.docent.opensearch.cluster.TestCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docent with {@code index.backend = opensearch} on a real 2-node cluster: two writers (each its
 * own data directory, folders and owner) and one read-only server ({@code serve --read-only}'s
 * Docent) that answers and lists from both (its catalog mirrors the rows they publish); then the
 * cluster goes away for the reader only (a relay the test cuts): the answer says the index is
 * unavailable, the status says why, the documents list keeps its last copy, nothing throws; and
 * answers come back when the cluster does.
 */
class ClusterDocentTest {

    private static TestCluster cluster;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        cluster = TestCluster.required();
    }

    private static DocentConfig config(Path data, String hosts, String index) {
        List<URI> uris = java.util.Arrays.stream(hosts.split(",")).map(URI::create).toList();
        return DocentConfig.defaults().withDataDir(data).withIndex(new IndexBackend(IndexBackend.Kind.OPENSEARCH, uris, index, null));
    }

    private static Set<String> cited(Answer a) {
        return a.citations().stream().map(Citation::path).map(p -> Path.of(p).getFileName().toString())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoWritersAndAReadOnlyServerThatSaysWhenTheClusterIsGone(@TempDir Path tmp) throws Exception {
        String index = "docent-" + Long.toHexString(System.nanoTime());
        Path docsA = Files.createDirectories(tmp.resolve("team-a"));
        Path docsB = Files.createDirectories(tmp.resolve("team-b"));
        Files.writeString(docsA.resolve("harbour-cranes.md"), "# Harbour\n\nThe harbour cranes were delivered by Calder Logistics in May.");
        Files.writeString(docsB.resolve("fleet-plan.md"), "# Fleet\n\nCalder Logistics will deliver twelve battery trucks in 2027.");
        Files.writeString(docsB.resolve("canteen.md"), "# Canteen\n\nLentil soup is served on Fridays.");

        // A read-only server before any writer: it says what to start first.
        var early = assertThrows(IllegalStateException.class, () -> Docent.openSharedReader(config(tmp.resolve("r0"), cluster.hosts(), index)));
        assertTrue(early.getMessage().contains("start a writer"), early.getMessage());

        try (Docent a = Docent.open(config(tmp.resolve("a-data"), cluster.hosts(), index));
                Docent b = Docent.open(config(tmp.resolve("b-data"), cluster.hosts(), index))) {
            assertEquals(1, a.indexer().sync(List.of(docsA), SyncProgress.NONE).indexed());
            assertEquals(2, b.indexer().sync(List.of(docsB), SyncProgress.NONE).indexed());
            Map<String, Object> status = StatusReport.of(a);
            @SuppressWarnings("unchecked")
            Map<String, Object> place = (Map<String, Object>) status.get("index");
            assertEquals("opensearch", place.get("engine"));
            assertEquals(true, place.get("available"));
            assertEquals(index, place.get("name"));
            assertTrue(String.valueOf(place.get("owner")).endsWith(tmp.resolve("a-data").toString()), String.valueOf(place.get("owner")));

            int port = Integer.parseInt(cluster.hosts().split(",")[0].replaceAll(".*:", ""));
            try (ToggleProxy relay = new ToggleProxy("127.0.0.1", port);
                    Docent reader = Docent.openSharedReader(config(tmp.resolve("reader-data"), relay.address(), index))) {
                assertTrue(reader.readOnly());
                Answer both = reader.answerer().answer("Who delivers for Calder Logistics?", 5, t -> {});
                assertTrue(both.found(), both.answer());
                assertTrue(cited(both).containsAll(Set.of("fleet-plan.md", "harbour-cranes.md")), "both writers' documents: " + cited(both));
                assertEquals(3, reader.indexer().status().chunks());
                assertEquals(3, reader.indexer().status().indexed(), "the reader reports every writer's documents");
                assertEquals(3, reader.indexer().documents().size(), "the reader lists every writer's documents");
                assertThrows(IllegalStateException.class, () -> reader.watch(List.of(docsA)), "a read-only server indexes nothing");

                relay.cut();
                Thread.sleep(5_500); // past the status's cached health answer
                Answer gone = reader.answerer().answer("Who delivers for Calder Logistics?", 5, t -> {});
                assertFalse(gone.found());
                assertTrue(gone.answer().contains("index is unavailable"), gone.answer());
                Map<String, Object> down = StatusReport.of(reader);
                @SuppressWarnings("unchecked")
                Map<String, Object> downPlace = (Map<String, Object>) down.get("index");
                assertEquals(false, downPlace.get("available"));
                assertTrue(String.valueOf(downPlace.get("problem")).contains("does not answer"), String.valueOf(downPlace.get("problem")));
                assertNull(down.get("chunks"));
                // The documents list keeps its last copy, and the status says how old it is.
                reader.indexer().syncMirror();
                assertEquals(3, reader.indexer().documents().size(), "the last mirror stays while the cluster is gone");
                assertTrue(reader.indexer().catalogMirror().orElseThrow().problem() != null);
                assertTrue(String.valueOf(downPlace.get("problem")).contains("the documents list is the copy of"),
                        String.valueOf(downPlace.get("problem")));
                assertTrue(downPlace.get("documents_synced_at") != null, String.valueOf(downPlace));
                @SuppressWarnings("unchecked")
                Map<String, Object> afterRefresh = (Map<String, Object>) StatusReport.of(reader).get("index");
                assertTrue(String.valueOf(afterRefresh.get("documents_problem")).contains("did not answer"), String.valueOf(afterRefresh));

                relay.restore();
                Answer back = reader.answerer().answer("When is lentil soup served?", 5, t -> {});
                assertTrue(back.found(), back.answer());
                assertTrue(cited(back).contains("canteen.md"), "after the cluster came back: " + cited(back));
            }
        }
        // A writer whose cluster does not answer does not start, and says what to do.
        var refused = assertThrows(IllegalStateException.class, () -> Docent.open(config(tmp.resolve("c-data"), "http://127.0.0.1:9", index)));
        assertTrue(refused.getMessage().contains("does not answer") && refused.getMessage().contains("index.opensearch.hosts"),
                refused.getMessage());
    }
}
