package dev.docent.retriever;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Searcher} must return: each retriever's ranking to the depth, best first, and
 * both raw scores for every candidate, the missing one filled in exactly (checked against a
 * brute-force cosine and against the score the same chunk gets when BM25 ranks it).
 */
public abstract class SearcherContractTest {

    @TempDir
    protected Path dir;

    /** A searcher over an index in {@code dir} holding exactly {@code chunks}, committed. */
    protected abstract Searcher searcherOver(Path dir, List<IndexedChunk> chunks);

    private static final String[] WORDS = {"orchard", "robot", "battery", "gripper", "apple", "sensor", "wheel", "pump"};
    private static final int DIMS = 16;

    private final List<IndexedChunk> chunks = new ArrayList<>();
    private Searcher searcher;

    private Searcher searcher() {
        if (searcher == null) {
            Random r = new Random(42);
            for (int i = 0; i < 60; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 3 + r.nextInt(6); w++) text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
                chunks.add(new IndexedChunk("/doc" + i, "Doc " + i, 1, "", 0, 0, text.length(), text.toString().strip(), randomUnit(r)));
            }
            searcher = searcherOver(dir, chunks);
        }
        return searcher;
    }

    @Test
    void eachRankingIsBestFirstWithinTheDepthAndEveryCandidateHasBothRawScores() {
        float[] query = randomUnit(new Random(1));
        try (Retrieval r = searcher().retrieve("battery gripper", query, 8)) {
            List<Candidate> cs = r.candidates();
            List<Candidate> byBm25 = ranked(cs, Candidate::bm25Rank);
            List<Candidate> byVector = ranked(cs, Candidate::vectorRank);
            assertEquals(8, byBm25.size());
            assertEquals(8, byVector.size());
            for (int i = 0; i < 8; i++) {
                assertEquals(i + 1, byBm25.get(i).bm25Rank());
                assertEquals(i + 1, byVector.get(i).vectorRank());
                if (i > 0) {
                    assertTrue(byBm25.get(i - 1).bm25() >= byBm25.get(i).bm25());
                    assertTrue(byVector.get(i - 1).cosine() >= byVector.get(i).cosine());
                }
            }
            List<Hit> hits = r.hits(cs.stream().map(c -> new Fused(c, 0)).toList());
            Map<String, IndexedChunk> byPath = chunks.stream().collect(Collectors.toMap(IndexedChunk::path, c -> c));
            for (int i = 0; i < cs.size(); i++) {
                IndexedChunk source = byPath.get(hits.get(i).path());
                assertEquals(dot(query, source.vector()), cs.get(i).cosine(), 1e-5, "cosine of " + source.path());
                assertEquals(source.text(), hits.get(i).text());
                assertEquals(cs.get(i).bm25(), hits.get(i).bm25());
                assertEquals(cs.get(i).cosine(), hits.get(i).cosine());
                boolean hasTerm = source.text().contains("battery") || source.text().contains("gripper");
                assertEquals(hasTerm, cs.get(i).bm25() > 0, source.text());
            }
            // A chunk only the vector search found gets the BM25 score BM25 itself gives it at full depth.
            try (Retrieval all = searcher().retrieve("battery gripper", null, 60)) {
                Map<String, Double> full = new java.util.HashMap<>();
                List<Hit> allHits = all.hits(all.candidates().stream().map(c -> new Fused(c, 0)).toList());
                for (int i = 0; i < allHits.size(); i++) full.put(allHits.get(i).path(), all.candidates().get(i).bm25());
                for (int i = 0; i < cs.size(); i++) {
                    assertEquals(full.getOrDefault(hits.get(i).path(), 0.0), cs.get(i).bm25(), 1e-6, hits.get(i).path());
                }
            }
        }
    }

    @Test
    void theVectorOfACandidateIsTheOneStored() {
        try (Retrieval r = searcher().retrieve("orchard", randomUnit(new Random(3)), 5)) {
            Map<String, IndexedChunk> byPath = chunks.stream().collect(Collectors.toMap(IndexedChunk::path, c -> c));
            for (Candidate c : r.candidates()) {
                String path = r.hits(List.of(new Fused(c, 0))).getFirst().path();
                org.junit.jupiter.api.Assertions.assertArrayEquals(byPath.get(path).vector(), r.vector(c), 1e-6f, path);
            }
        }
    }

    @Test
    void aMissingQueryPartSkipsThatRetriever() {
        try (Retrieval r = searcher().retrieve(null, randomUnit(new Random(2)), 5)) {
            assertEquals(5, r.candidates().size());
            r.candidates().forEach(c -> assertEquals(0, c.bm25Rank()));
            r.candidates().forEach(c -> assertEquals(0.0, c.bm25()));
        }
        try (Retrieval r = searcher().retrieve("robot", null, 5)) {
            assertEquals(5, r.candidates().size());
            r.candidates().forEach(c -> assertTrue(Double.isNaN(c.cosine()) && c.vectorRank() == 0));
        }
        try (Retrieval r = searcher().retrieve("the of and", null, 5)) {
            assertTrue(r.candidates().isEmpty(), "stop words only: no BM25 query");
        }
        try (Retrieval r = searcher().retrieve("zeppelin", null, 5)) {
            assertTrue(r.candidates().isEmpty());
        }
    }

    @Test
    void hitsNeedAnOpenRetrievalAndDepthMustBePositive() {
        Retrieval r = searcher().retrieve("robot", null, 3);
        List<Fused> first = List.of(new Fused(r.candidates().getFirst(), 1));
        r.close();
        assertThrows(IllegalStateException.class, () -> r.hits(first));
        assertThrows(IllegalArgumentException.class, () -> searcher().retrieve("robot", null, 0));
    }

    private static List<Candidate> ranked(List<Candidate> cs, Function<Candidate, Integer> rank) {
        return cs.stream().filter(c -> rank.apply(c) > 0).sorted(Comparator.comparing(rank)).toList();
    }

    static float[] randomUnit(Random r) {
        float[] v = new float[DIMS];
        double s = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }

    static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.sqrt(s));
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
