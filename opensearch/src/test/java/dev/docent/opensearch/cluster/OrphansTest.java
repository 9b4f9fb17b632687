package dev.docent.opensearch.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a test JVM that died left running is killed at the next start: a listed process whose
 * command line is an OpenSearch node's, and no other (a pid the system gave to something else
 * since is left alone). Real processes, told apart by their command lines only.
 */
class OrphansTest {

    @Test
    void aListedNodeIsKilledAndAListedStrangerIsNot(@TempDir Path dir) throws Exception {
        // A stand-in for a node: its command line names OpenSearch's main class, as a node's does
        // (bash stays, with that name as its $0: a command after the sleep keeps it from exec'ing sleep).
        Process node = new ProcessBuilder(List.of("bash", "-c", "sleep 300; true", "org.opensearch.bootstrap.OpenSearch")).start();
        Process stranger = new ProcessBuilder(List.of("sleep", "300")).start();
        try {
            Path pids = Files.writeString(dir.resolve("nodes.pid"), node.pid() + "\n" + stranger.pid() + "\n");
            Orphans.killListed(pids);
            assertTrue(node.waitFor(10, TimeUnit.SECONDS), "the orphaned node is killed");
            assertFalse(stranger.waitFor(500, TimeUnit.MILLISECONDS), "a process that is no node stays");
            assertFalse(Files.exists(pids), "the list is done with");
        } finally {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            stranger.destroyForcibly();
        }
    }
}
