package dev.docent.retriever;

import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.fusion.SingleRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW is approximate; checked against an exact brute-force oracle. Small indexes are searched
 * exactly instead ({@link ChunkIndex#EXACT_KNN_BELOW}): that path must match the oracle exactly.
 */
class HnswRecallTest {

    private static final int DIMS = 64;
    private static final int DOCS = 3000;
    private static final int QUERIES = 50;
    private static final int K = 10;

    @Test
    void knnRecallAgainstBruteForceIsAtLeastNinetyPercent(@TempDir Path dir) {
        long seed = Long.getLong("docent.seed", System.nanoTime());
        System.out.println("HnswRecallTest seed=" + seed + " (rerun with -Ddocent.seed=" + seed + ")");
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        try (var index = ChunkIndex.open(dir)) {
            for (int i = 0; i < DOCS; i++) {
                float[] v = randomUnit(random);
                vectors.add(v);
                index.replaceDocument("/d" + i, List.of(new IndexedChunk("/d" + i, "t", 0, "", 0, 0, 1, "x", v)));
            }
            index.commit();
            int found = 0;
            for (int q = 0; q < QUERIES; q++) {
                float[] query = randomUnit(random);
                Set<String> exact = new HashSet<>();
                IntStream.range(0, DOCS).boxed()
                        .sorted(Comparator.comparingDouble(i -> -dot(query, vectors.get(i))))
                        .limit(K)
                        .forEach(i -> exact.add("/d" + i));
                // At the default candidate depth, as /ask searches (HNSW explores about depth nodes per layer).
                var hnsw = new HybridSearch(index.searcher(TextScoring.DEFAULT, 0), SingleRetriever.VECTOR, HybridSearch.DEFAULT_DEPTH);
                for (Hit h : hnsw.search(null, query, K)) {
                    if (exact.contains(h.path())) {
                        found++;
                    }
                }
                var exactSearch = new HybridSearch(index.searcher(), SingleRetriever.VECTOR, K);
                assertEquals(exact, new HashSet<>(exactSearch.search(null, query, K).stream().map(Hit::path).toList()),
                        "exact kNN below " + ChunkIndex.EXACT_KNN_BELOW + " chunks (seed " + seed + ")");
            }
            double recall = found / (double) (QUERIES * K);
            System.out.printf("HNSW recall@%d vs brute force: %.3f%n", K, recall);
            assertTrue(recall >= 0.9, "recall " + recall + " below 0.9 (seed " + seed + ")");
        }
    }

    private static float[] randomUnit(Random r) {
        float[] v = new float[DIMS];
        double s = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
