package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.opensearch.bench.ClusterProbe;
import dev.docent.opensearch.cluster.TestCluster;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.fusion.HybridSearch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default hybrid search on the cluster fetches stored vectors (for the feedback round and for
 * the final hits' evidence) in at most two {@code _mget} requests, counted by the nodes themselves,
 * not one per hit (the benchmark at 100,000 chunks counted 7.7 per search before), with the same
 * hits and the same evidence as fetching them one by one.
 */
class VectorFetchTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHybridSearchFetchesVectorsInAtMostTwoRequests(@TempDir Path dir) {
        OpenSearchIndex index = ClusterIndices.open(dir);
        Random r = new Random(19);
        String[] words = {"harbour", "crane", "ledger", "invoice", "quarry", "timber", "walrus", "survey", "fleet", "battery"};
        for (int d = 0; d < 150; d++) {
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 15; w++) text.append(words[r.nextInt(words.length)]).append(' ');
                chunks.add(new IndexedChunk("/d" + d, "Doc " + d, 1, "", k, 0, 1, text.toString(), unit(r)));
            }
            index.replaceDocument("/d" + d, chunks);
        }
        index.commit();
        HybridSearch search = HybridSearch.defaults(index.searcher());
        ClusterProbe probe = new ClusterProbe(TestCluster.get().hosts().split(",")[0]);
        for (int q = 0; q < 5; q++) {
            float[] vector = unit(r);
            String text = words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)];
            Map<String, Long> before = probe.restActions();
            List<Hit> hits = search.search(text, vector, 10);
            Map<String, Long> used = ClusterProbe.delta(before, probe.restActions());
            assertEquals(10, hits.size());
            long mget = used.getOrDefault("document_mget_action", 0L);
            assertTrue(mget <= 2, "vector fetches for one search: " + used);
            for (Hit h : hits) assertTrue(!Double.isNaN(h.cosine()), "every hit carries its cosine to the question");
        }
    }

    private static float[] unit(Random r) {
        float[] v = new float[16];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }
}
