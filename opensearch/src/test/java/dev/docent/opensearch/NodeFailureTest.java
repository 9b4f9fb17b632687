package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.opensearch.cluster.Node;
import dev.docent.opensearch.cluster.TestCluster;
import dev.docent.retriever.Fused;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.Retrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a node while searches run: with one replica of every shard, no search fails
 * and none comes back short (the connection tries the other host, the cluster the other copy). The
 * node killed is the one that is not the elected cluster manager; it is started again afterwards,
 * and the test waits for a green cluster, so the tests after it find both nodes.
 */
class NodeFailureTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void searchesGoOnWhenANodeIsKilled(@TempDir Path dir) throws Exception {
        OpenSearchIndex index = ClusterIndices.open(dir);
        Random r = new Random(5);
        String[] words = {"walrus", "ice", "colony", "tusk", "survey", "arctic", "seal", "feeding"};
        for (int d = 0; d < 100; d++) {
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 12; w++) text.append(words[r.nextInt(words.length)]).append(' ');
                chunks.add(new IndexedChunk("/d" + d, "Doc " + d, 1, "", k, 0, 1, text.toString(), unit(r)));
            }
            index.replaceDocument("/d" + d, chunks);
        }
        index.commit();
        index.connection().call("GET", "/_cluster/health/" + index.chunkIndexName(),
                Map.of("wait_for_status", "green", "timeout", "60s"), null);
        TestCluster cluster = TestCluster.get();
        String manager = index.connection().call("GET", "/_cat/cluster_manager", Map.of("format", "json"), null).get(0).path("node").asText();
        Node victim = cluster.nodes().stream().filter(n -> !n.name().equals(manager)).findFirst().orElseThrow();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger before = new AtomicInteger(), after = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong slowestAfterMs = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread searches = Thread.ofPlatform().start(() -> {
            Random q = new Random(9);
            while (!stop.get()) {
                long t0 = System.nanoTime();
                try (Retrieval ret = index.searcher().retrieve("walrus colony on the ice", unit(q), 10)) {
                    int n = ret.hits(ret.candidates().stream().map(c -> new Fused(c, 0)).toList()).size();
                    if (n < 10) failures.add("short answer: " + n + " hits");
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
                if (killed.get()) {
                    after.incrementAndGet();
                    slowestAfterMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                } else {
                    before.incrementAndGet();
                }
            }
        });
        try {
            while (before.get() < 20) Thread.sleep(50);
            victim.kill();
            killed.set(true);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end || after.get() < 20) Thread.sleep(100);
        } finally {
            stop.set(true);
            searches.join();
            System.out.println("NodeFailureTest: killed " + victim.name() + " (-9) after " + before.get() + " searches; "
                    + after.get() + " searches after it, slowest " + slowestAfterMs.get() + " ms; failures: " + failures);
            long t0 = System.nanoTime();
            cluster.restart(victim);
            System.out.println("NodeFailureTest: " + victim.name() + " back, cluster green in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(after.get() >= 20, "searches ran after the kill: " + after.get());
    }

    private static float[] unit(Random r) {
        float[] v = new float[8];
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }
}
