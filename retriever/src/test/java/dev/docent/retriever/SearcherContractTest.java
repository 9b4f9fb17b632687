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
 * brute-force cosine and against the score the same chunk gets when BM25 ranks it). And document
 * matching: every document with a chunk holding all the query's terms and phrases or a vector within
 * the threshold, grouped with its best passages (checked against a brute-force oracle over 300 documents).
 */
public abstract class SearcherContractTest {

    @TempDir
    protected Path dir;

    /**
     * A searcher over an index in {@code dir} holding exactly {@code chunks}, committed; chunks of one
     * path form one document (in the order given).
     */
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

    // ---- matchDocuments ----

    private static IndexedChunk chunk(String path, String title, int ordinal, String text, float[] vector) {
        return new IndexedChunk(path, title, ordinal + 1, "", ordinal, 10 * ordinal, 10 * ordinal + text.length(), text, vector);
    }

    private static IndexedChunk chunk(String path, int ordinal, String text) {
        return chunk(path, "Doc", ordinal, text, axis(DIMS - 1));
    }

    private static List<String> paths(List<DocumentMatch> matches) {
        return matches.stream().map(DocumentMatch::path).toList();
    }

    private static DocumentMatchQuery text(String text) {
        return new DocumentMatchQuery(text, null, 0.7, null, 3);
    }

    @Test
    void aDocumentMatchesWhenOneChunkHoldsEveryTermStemmedWithTheTitleCounting() {
        Searcher s = searcherOver(dir, List.of(
                chunk("/a", 0, "invoice for the orchard robot, 2025"),
                chunk("/b", 0, "invoice for the gripper"), chunk("/b", 1, "paid in 2025"), // the terms in two chunks
                chunk("/c", 0, "Invoices only"),
                chunk("/d", 0, "the 2025 report"),
                chunk("/e", "Invoice 2024-031", 0, "amount due in 2025 for the pump", axis(0))));
        List<DocumentMatch> m = s.matchDocuments(text("invoices 2025"));
        assertEquals(List.of("/a", "/e"), paths(m).stream().sorted().toList());
        for (DocumentMatch d : m) {
            assertTrue(d.textMatch() && !d.vectorMatch(), d.toString());
            assertEquals(1, d.matchingChunks());
            assertEquals(1.0, d.passages().getFirst().coverage(), 1e-9);
            assertTrue(d.passages().getFirst().bm25() > 0 && d.score() == d.passages().getFirst().bm25());
        }
        // "the" is a stop word: not required, so /c (singular and plural alike) matches without it.
        assertEquals(List.of("/a", "/b", "/c", "/e"), paths(s.matchDocuments(text("the invoice"))).stream().sorted().toList());
        assertTrue(s.matchDocuments(text("invoice zeppelin")).isEmpty(), "a term no chunk has");
        assertTrue(s.matchDocuments(text("the of and")).isEmpty(), "stop words only: no condition that can hold");
    }

    @Test
    void quotedTextMustOccurAsAPhrase() {
        Searcher s = searcherOver(dir, List.of(
                chunk("/p1", 0, "our fleet electrification plan for 2026"),
                chunk("/p2", 0, "electrification of the fleet in 2026"),
                chunk("/p3", 0, "a fleet of vans awaits electrification")));
        assertEquals(List.of("/p1"), paths(s.matchDocuments(text("\"fleet electrification\""))));
        assertEquals(List.of("/p1"), paths(s.matchDocuments(text("\u201cfleet electrification\u201d 2026"))));
        assertEquals(List.of("/p2"), paths(s.matchDocuments(text("\"electrification of the fleet\""))));
        assertTrue(s.matchDocuments(text("\"fleet electrification\" vans")).isEmpty());
        assertEquals(List.of("/p1", "/p2", "/p3"), paths(s.matchDocuments(text("fleet electrification"))).stream().sorted().toList());
        assertEquals(3, s.matchDocuments(text("\"fleet electrification")).size(), "an unclosed quote reads as words");
    }

    @Test
    void aDocumentsMatchingChunksAreOneMatchWithPassagesBestFirst() {
        Searcher s = searcherOver(dir, List.of(
                chunk("/g", 0, "the battery sits under the frame next to the wheel, the pump and the sensor mast"),
                chunk("/g", 1, "battery battery battery"),
                chunk("/g", 2, "battery battery and the wheel"),
                chunk("/g", 3, "the gripper"),
                chunk("/h", 0, "one battery")));
        List<DocumentMatch> m = s.matchDocuments(text("battery"));
        assertEquals(List.of("/g", "/h"), paths(m).stream().sorted().toList());
        DocumentMatch g = m.stream().filter(d -> d.path().equals("/g")).findFirst().orElseThrow();
        assertEquals(3, g.matchingChunks());
        assertEquals(List.of(1, 2, 0), g.passages().stream().map(Hit::ordinal).toList());
        for (Hit h : g.passages()) {
            assertEquals(h.ordinal() + 1, h.page());
            assertEquals(10 * h.ordinal(), h.startOffset());
            assertTrue(h.text().contains("battery"));
        }
        assertTrue(g.passages().get(0).bm25() > g.passages().get(1).bm25() && g.passages().get(1).bm25() > g.passages().get(2).bm25());
        assertEquals(g.passages().getFirst().bm25(), g.score());
        DocumentMatch two = s.matchDocuments(text("battery").withPassages(2)).stream().filter(d -> d.path().equals("/g")).findFirst().orElseThrow();
        assertEquals(List.of(1, 2), two.passages().stream().map(Hit::ordinal).toList());
        assertEquals(3, two.matchingChunks());
    }

    @Test
    void everyMatchingDocumentIsReturnedNotATopK() {
        long seed = System.nanoTime();
        System.out.println("everyMatchingDocumentIsReturnedNotATopK seed " + seed);
        Random r = new Random(seed);
        String[] filler = {"orchard", "robot", "gripper", "sensor", "wheel", "pump", "harvest", "ladder", "crate", "tractor"};
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < 300; i++) matching.add(i);
        java.util.Collections.shuffle(matching, r);
        java.util.Set<Integer> planted = new java.util.HashSet<>(matching.subList(0, 137));
        List<IndexedChunk> cs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = 1 + r.nextInt(3), both = planted.contains(i) ? r.nextInt(n) : -1;
            for (int k = 0; k < n; k++) {
                List<String> words = new ArrayList<>();
                for (int w = 0; w < 4 + r.nextInt(20); w++) words.add(filler[r.nextInt(filler.length)]);
                // Documents without a planted chunk get at most one of the two terms per chunk.
                if (k == both || r.nextInt(3) == 0) words.add(r.nextBoolean() ? "invoice" : "invoices");
                if (k == both || (both < 0 && !words.contains("invoice") && !words.contains("invoices") && r.nextBoolean())
                        || (both >= 0 && r.nextInt(4) == 0)) {
                    words.add("2025");
                }
                java.util.Collections.shuffle(words, r);
                cs.add(chunk(String.format("/docs/%03d.txt", i), k, String.join(" ", words)));
            }
        }
        // The oracle: a brute-force look at the generated words.
        java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
        for (IndexedChunk c : cs) {
            List<String> words = List.of(c.text().split(" "));
            if ((words.contains("invoice") || words.contains("invoices")) && words.contains("2025")) {
                expected.merge(c.path(), 1, Integer::sum);
            }
        }
        assertEquals(137, expected.size(), "the oracle sees the planted documents");
        List<DocumentMatch> m = searcherOver(dir, cs).matchDocuments(text("invoices 2025"));
        assertEquals(expected.size(), m.size());
        assertEquals(expected, m.stream().collect(Collectors.toMap(DocumentMatch::path, DocumentMatch::matchingChunks, (a, b) -> a,
                java.util.TreeMap::new)));
        for (int i = 1; i < m.size(); i++) {
            DocumentMatch a = m.get(i - 1), b = m.get(i);
            assertTrue(a.score() > b.score() || (a.score() == b.score() && a.path().compareTo(b.path()) < 0), a + " before " + b);
        }
    }

    @Test
    void aChunkMatchesTheVectorAtOrAboveTheThreshold() {
        float[] query = axis(0);
        Searcher s = searcherOver(dir, List.of(
                chunk("/v1", "Doc", 0, "pump report with an invoice", mix(0.8f, 0.6f)),
                chunk("/v2", "Doc", 0, "sensor notes", mix(0.6f, 0.8f)),
                chunk("/v3", "Doc", 0, "gripper notes", axis(2)),
                chunk("/t", "Doc", 0, "invoice for 2025", axis(3))));
        List<DocumentMatch> m = s.matchDocuments(new DocumentMatchQuery(null, query, 0.7, null, 3));
        assertEquals(List.of("/v1"), paths(m));
        DocumentMatch v1 = m.getFirst();
        assertTrue(v1.vectorMatch() && !v1.textMatch());
        assertEquals(0.8, v1.score(), 1e-5);
        assertEquals(0.8, v1.passages().getFirst().cosine(), 1e-5);
        assertEquals(List.of("/v1", "/v2"), paths(s.matchDocuments(new DocumentMatchQuery(null, query, 0.5, null, 3))));
        // Text or vector: /t by its terms (cosine 0), /v1 by its vector, its BM25 for the one shared term filled in.
        List<DocumentMatch> both = s.matchDocuments(new DocumentMatchQuery("invoice 2025", query, 0.7, null, 3));
        assertEquals(List.of("/v1", "/t"), paths(both));
        assertTrue(both.get(1).textMatch() && !both.get(1).vectorMatch());
        assertEquals(0.0, both.get(1).score(), 1e-6);
        Hit vectorOnly = both.getFirst().passages().getFirst();
        assertTrue(vectorOnly.bm25() > 0 && vectorOnly.coverage() > 0 && vectorOnly.coverage() < 1, vectorOnly.toString());
        try (Retrieval r = s.retrieve("invoice 2025", null, 10)) {
            double bm25 = r.hits(r.candidates().stream().map(c -> new Fused(c, 0)).toList()).stream()
                    .filter(h -> h.path().equals("/v1")).findFirst().orElseThrow().bm25();
            assertEquals(bm25, vectorOnly.bm25(), 1e-6);
        }
    }

    @Test
    void theBackgroundCutMatchesTheDocumentsThatStandOutFromTheOthers() {
        // 30 documents on neighbouring subjects (cosines 0.40 to 0.55 to the query, a second chunk
        // lower), one that stands out (0.75), and one that holds the terms but not the meaning.
        List<IndexedChunk> cs = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            float a = 0.40f + 0.005f * i;
            cs.add(chunk("/n" + (100 + i), "Doc", 0, "notes number " + i, mix(a, (float) Math.sqrt(1 - a * a))));
            cs.add(chunk("/n" + (100 + i), "Doc", 1, "more notes", mix(0.1f, (float) Math.sqrt(1 - 0.01))));
        }
        cs.add(chunk("/standout", "Doc", 0, "the plan for the fleet", mix(0.75f, (float) Math.sqrt(1 - 0.75 * 0.75))));
        cs.add(chunk("/terms", "Doc", 0, "electric trucks", axis(2)));
        Searcher s = searcherOver(dir, cs);
        float[] query = axis(0);
        DocumentMatchQuery fixed = new DocumentMatchQuery("electric trucks", query, 0.45, null, 1);
        assertTrue(s.matchDocuments(fixed).size() >= 20, "a fixed 0.45 takes the neighbours from 0.45 up");
        List<DocumentMatch> cut = s.matchDocuments(fixed.withBackgroundCut());
        assertEquals(List.of("/standout", "/terms"), paths(cut));
        assertTrue(cut.getFirst().vectorMatch() && !cut.get(1).vectorMatch() && cut.get(1).textMatch());
        // The background is the documents the paths accept: with 20 neighbours from 0.45 to 0.545
        // and the standout, the cut lies between them (0.62).
        double[] bests = new double[21];
        for (int i = 0; i < 20; i++) bests[i] = 0.45 + 0.005 * i;
        bests[20] = 0.75;
        double expected = BackgroundCut.of(bests, 21);
        assertTrue(expected > 0.545 && expected < 0.75, "cut " + expected);
        java.util.function.Predicate<String> upper = p -> p.equals("/standout") || p.compareTo("/n110") >= 0 && p.startsWith("/n");
        assertEquals(List.of("/standout"), paths(s.matchDocuments(new DocumentMatchQuery(null, query, 0.45, upper, 1, true))));
        java.util.function.Predicate<String> few = p -> p.equals("/standout") || p.compareTo("/n112") >= 0 && p.startsWith("/n");
        assertEquals(List.of("/standout"), paths(s.matchDocuments(new DocumentMatchQuery(null, query, 0.45, few, 1, true))),
                "19 documents: the fixed default 0.60, not minCosine's 0.45");
    }

    @Test
    void thePathFilterLimitsTheDocumentsAndNoConditionListsThemAll() {
        Searcher s = searcherOver(dir, List.of(
                chunk("/keep/b", 1, "pump manual, second part"), chunk("/keep/b", 0, "pump manual"),
                chunk("/keep/a", 0, "pump manual"),
                chunk("/drop/c", 0, "pump manual"),
                chunk("/keep/d", 0, "wheel manual")));
        java.util.function.Predicate<String> keep = p -> p.startsWith("/keep/");
        // Equal scores: ordered by path.
        assertEquals(List.of("/keep/a", "/keep/b"), paths(s.matchDocuments(text("pump manual").withPaths(keep).withPassages(1))));
        assertEquals(List.of("/drop/c", "/keep/a", "/keep/b"), paths(s.matchDocuments(text("pump manual").withPassages(1))));
        List<DocumentMatch> all = s.matchDocuments(DocumentMatchQuery.all(keep).withPassages(1));
        assertEquals(List.of("/keep/a", "/keep/b", "/keep/d"), paths(all));
        for (DocumentMatch d : all) {
            assertEquals(0, d.passages().getFirst().ordinal(), "the first chunk of " + d.path());
            assertTrue(!d.textMatch() && !d.vectorMatch() && d.score() == 0);
        }
        assertEquals(2, all.get(1).matchingChunks());
        assertEquals(List.of(0, 1), s.matchDocuments(DocumentMatchQuery.all(p -> p.equals("/keep/b")).withPassages(2)).getFirst()
                .passages().stream().map(Hit::ordinal).toList(), "chunks written out of order come back in document order");
        assertEquals(4, s.matchDocuments(new DocumentMatchQuery(" ", null, 0.7, null, 1)).size(), "blank text, no vector: every document");
        assertEquals(List.of("/keep/a"), paths(s.matchDocuments(text("pump").withPaths(p -> p.equals("/keep/a")))));
    }

    private static float[] axis(int i) {
        float[] v = new float[DIMS];
        v[i] = 1;
        return v;
    }

    /** {@code a} along the first axis, {@code b} along the second: cosine {@code a} to the first axis. */
    private static float[] mix(float a, float b) {
        float[] v = new float[DIMS];
        v[0] = a;
        v[1] = b;
        return v;
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
