package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same chunks in the Lucene index and on the cluster answer the same: for questions in four
 * languages, each retriever's ranking to the depth holds the same chunks with the same raw scores
 * (BM25 to float precision: the same analysis, statistics of the whole index, the same BM25), the
 * same text-match evidence, and document matching finds the same documents with the same scores.
 * A seeded multilingual corpus of 600 chunks in 200 documents (seed printed).
 */
class LuceneParityTest {

    private static final String[][] WORDS = {
            {"walrus", "colonies", "tusks", "researchers", "running", "ice", "arctic", "feeding", "the", "of", "and", "survey"},
            {"die", "Größe", "Äpfel", "Straßen", "Häuser", "und", "der", "Messung", "Forschung", "Eisbären", "nicht", "mit"},
            {"l'été", "les", "sécurité", "hôpital", "et", "des", "recherches", "glaciers", "une", "pour", "dans", "morses"},
            {"東京都", "図書館", "日本語", "研究", "氷河", "北極"}};

    @TempDir
    static Path luceneDir;
    @TempDir
    static Path clusterDir;

    private static ChunkIndex lucene;
    private static OpenSearchIndex cluster;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void bothIndexes() {
        long seed = System.nanoTime();
        System.out.println("LuceneParityTest seed " + seed);
        Random r = new Random(seed);
        var byPath = new LinkedHashMap<String, List<IndexedChunk>>();
        for (int d = 0; d < 200; d++) {
            String[] words = WORDS[d % WORDS.length];
            String path = "/docs/" + d + ".txt";
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 8 + r.nextInt(30); w++) text.append(words[r.nextInt(words.length)]).append(' ');
                chunks.add(new IndexedChunk(path, words[r.nextInt(words.length)] + " report " + d, k + 1,
                        k == 0 ? "" : words[r.nextInt(words.length)], k, 0, text.length(), text.toString().strip(), unit(r)));
            }
            byPath.put(path, chunks);
        }
        lucene = ChunkIndex.open(luceneDir);
        cluster = ClusterIndices.open(clusterDir);
        byPath.forEach(lucene::replaceDocument);
        byPath.forEach(cluster::replaceDocument);
        lucene.commit();
        cluster.commit();
    }

    @AfterAll
    static void close() {
        if (lucene != null) lucene.close();
    }

    @Test
    void bothRetrieversRankTheSameChunksWithTheSameScores() {
        Random r = new Random(7);
        List<String> questions = List.of("walrus colonies on the ice", "Größe der Häuser", "la sécurité des hôpitaux", "日本語の研究",
                "arctic survey glaciers", "the of and");
        for (String q : questions) {
            float[] v = unit(r);
            Map<String, double[]> lucenes = ranked(lucene.searcher(), q, v, 15), clusters = ranked(cluster.searcher(), q, v, 15);
            assertEquals(lucenes.keySet(), clusters.keySet(), q);
            for (String chunk : lucenes.keySet()) {
                double[] a = lucenes.get(chunk), b = clusters.get(chunk);
                assertEquals(a[0], b[0], 1e-4 * Math.max(1, a[0]), q + ": bm25 of " + chunk);
                assertEquals(a[1], b[1], 1e-5, q + ": cosine of " + chunk); // HNSW scores (1 + cos) / 2 as a float
                assertEquals(a[2], b[2], 1e-9, q + ": coverage of " + chunk);
                assertEquals(a[3], b[3], 1e-4, q + ": bm25 share of " + chunk);
            }
        }
    }

    @Test
    void documentMatchingFindsTheSameDocuments() {
        for (String q : List.of("walrus ice", "\"der Häuser\"", "sécurité glaciers", "図書館")) {
            assertEquals(matches(lucene.searcher(), q), matches(cluster.searcher(), q), q);
        }
        float[] v = unit(new Random(11));
        var query = new DocumentMatchQuery("walrus", v, 0.2, null, 2);
        assertEquals(matches(lucene.searcher(), query), matches(cluster.searcher(), query));
    }

    /**
     * Every candidate, by chunk and which retrievers ranked it ("/docs/1.txt#0 BV"), with {bm25,
     * cosine, coverage, share}; ranks left out, as chunks with equal scores may come in either order.
     */
    private static Map<String, double[]> ranked(Searcher s, String text, float[] vector, int depth) {
        Map<String, double[]> out = new java.util.TreeMap<>();
        try (Retrieval r = s.retrieve(text, vector, depth)) {
            List<Candidate> cs = r.candidates();
            List<Hit> hits = r.hits(cs.stream().map(c -> new Fused(c, 0)).toList());
            for (int i = 0; i < cs.size(); i++) {
                Candidate c = cs.get(i);
                Hit h = hits.get(i);
                out.put(h.path() + "#" + h.ordinal() + (c.bm25Rank() > 0 ? " B" : " -") + (c.vectorRank() > 0 ? "V" : "-"),
                        new double[] {c.bm25(), c.cosine(), h.coverage(), h.bm25Share()});
            }
        }
        assertTrue(text.equals("the of and") || !out.isEmpty(), text);
        return out;
    }

    private static List<String> matches(Searcher s, String text) {
        return matches(s, new DocumentMatchQuery(text, null, 0.7, null, 2));
    }

    private static List<String> matches(Searcher s, DocumentMatchQuery q) {
        List<String> out = new ArrayList<>();
        for (DocumentMatch m : s.matchDocuments(q)) {
            out.add(m.path() + String.format(" score=%.4f chunks=%d text=%s vector=%s passages=", m.score(), m.matchingChunks(),
                    m.textMatch(), m.vectorMatch()) + m.passages().stream().map(h -> h.ordinal() + String.format("/%.4f/%.5f",
                    h.bm25(), h.coverage())).toList());
        }
        return out;
    }

    private static float[] unit(Random r) {
        float[] v = new float[16];
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }
}
