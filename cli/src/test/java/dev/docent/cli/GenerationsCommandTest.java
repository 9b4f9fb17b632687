package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.opensearch.OpenSearchConnection;
import dev.docent.opensearch.OpenSearchIndex;
import dev.docent.opensearch.cluster.TestCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docent generations} and {@code generations prune} against the real test cluster: two
 * generations of one index, the alias on the newer; a prune right after they were written keeps
 * the old one and says why (exit 1), {@code --force} deletes it and never the active one.
 */
class GenerationsCommandTest {

    @Test
    void theEmbeddedIndexHasNothingToPrune(@TempDir Path tmp) {
        CliRun r = CliRun.of("generations", "prune", "--data", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("nothing to list or prune"), r.out());
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void listsThenPrunesOnlyWhenForcedWhileRecent(@TempDir Path tmp) throws Exception {
        TestCluster cluster = TestCluster.required();
        List<URI> hosts = Arrays.stream(cluster.hosts().split(",")).map(URI::create).toList();
        String name = "cligen-" + Long.toHexString(System.nanoTime());
        String old = name + "-aaaaaaaaaaaa";
        String active = name + "-bbbbbbbbbbbb";
        try (var connection = OpenSearchConnection.to(hosts, null)) {
            for (String index : List.of(old, active)) {
                var writer = OpenSearchIndex.open(connection, index, "cli-writer", OpenSearchIndex.IndexOptions.DEFAULT);
                writer.createChunkIndex(4, "model=m;dimensions=4;chunk_tokens=" + (index.equals(old) ? 400 : 120));
                writer.prepareCommit(1);
                writer.commit();
            }
            OpenSearchIndex.pointAlias(connection, name, OpenSearchIndex.openReadOnly(connection, active));
        }
        Path config = Files.writeString(tmp.resolve("docent.properties"), "index.backend = opensearch\n"
                + "index.opensearch.hosts = " + cluster.hosts() + "\nindex.opensearch.index = " + name + "\n");
        String data = tmp.resolve("data").toString();
        String before = System.getProperty("docent.config");
        System.setProperty("docent.config", config.toString());
        try {
            CliRun list = CliRun.of("generations", "--data", data);
            assertEquals(0, list.exit(), list.err());
            assertTrue(list.out().contains(old + "  0 chunks"), list.out());
            assertTrue(list.out().contains(active + "  (active: the alias " + name + " names it)"), list.out());
            assertTrue(list.out().contains("writer cli-writer"), list.out());

            CliRun kept = CliRun.of("generations", "prune", "--data", data);
            assertEquals(1, kept.exit(), kept.out() + kept.err());
            assertTrue(kept.out().contains("kept    " + old + ": written 0 min ago"), kept.out());
            assertTrue(kept.out().contains("--force"), kept.out());

            CliRun forced = CliRun.of("generations", "prune", "--force", "--data", data);
            assertEquals(0, forced.exit(), forced.out() + forced.err());
            assertTrue(forced.out().contains("deleted " + old), forced.out());
            assertFalse(forced.out().contains(active), forced.out());

            CliRun after = CliRun.of("generations", "--data", data);
            assertFalse(after.out().contains(old), after.out());
            assertTrue(after.out().contains(active), after.out());
        } finally {
            if (before == null) System.clearProperty("docent.config");
            else System.setProperty("docent.config", before);
        }
    }
}
