package dev.docent.retriever.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Fusion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Fusion} must do, checked against a brute-force oracle that each subclass
 * writes from the fusion's textbook definition, working on the two ranked lists themselves (not
 * on {@link Candidate}s). Random cases use a printed seed: rerun one with {@code -Ddocent.seed=N}.
 */
public abstract class FusionContractTest {

    /** The fusion under test. */
    protected abstract Fusion fusion();

    /**
     * The oracle's score for {@code key}, from the definition: {@code bm25List} and {@code vectorList}
     * are the two rankings, best first (a key's rank is its index + 1); {@code cases} gives every
     * key's raw scores.
     */
    protected abstract double oracleScore(RandomCase c, int key);

    /** Keys the oracle ranks: the union of both lists, unless a fusion reads only one. */
    protected List<Integer> oracleKeys(RandomCase c) {
        var keys = new java.util.LinkedHashSet<>(c.bm25List);
        keys.addAll(c.vectorList);
        return new ArrayList<>(keys);
    }

    /** One query's worth of random raw scores, cut to two rankings of {@code depth}. */
    public static final class RandomCase {
        final double[] bm25;
        final double[] cosine;
        final List<Integer> bm25List;
        final List<Integer> vectorList;

        RandomCase(Random r, int docs, int depth) {
            bm25 = new double[docs];
            cosine = new double[docs];
            for (int d = 0; d < docs; d++) {
                // Coarse values so ties happen; about a third of the chunks share no term (BM25 0).
                bm25[d] = r.nextInt(3) == 0 ? 0 : r.nextInt(40) / 4.0;
                cosine[d] = r.nextInt(30) / 30.0 - 0.1;
            }
            bm25List = top(bm25, depth, true);
            vectorList = top(cosine, depth, false);
        }

        int bm25Rank(int key) {
            return bm25List.indexOf(key) + 1;
        }

        int vectorRank(int key) {
            return vectorList.indexOf(key) + 1;
        }

        List<Candidate> candidates() {
            var keys = new java.util.LinkedHashSet<>(bm25List);
            keys.addAll(vectorList);
            List<Candidate> out = new ArrayList<>();
            for (int k : keys) out.add(new Candidate(k, bm25[k], cosine[k], bm25Rank(k), vectorRank(k)));
            return out;
        }

        /** The best {@code depth} by score, ties by key, as a search engine would cut them. */
        private static List<Integer> top(double[] score, int depth, boolean positiveOnly) {
            List<Integer> keys = new ArrayList<>();
            for (int d = 0; d < score.length; d++) if (!positiveOnly || score[d] > 0) keys.add(d);
            keys.sort(Comparator.<Integer>comparingDouble(d -> -score[d]).thenComparing(d -> d));
            return keys.subList(0, Math.min(depth, keys.size()));
        }
    }

    @Test
    void ranksLikeTheOracleOnRandomRankings() {
        long seed = Long.getLong("docent.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " seed=" + seed + " (rerun with -Ddocent.seed=" + seed + ")");
        Random r = new Random(seed);
        for (int round = 0; round < 300; round++) {
            RandomCase c = new RandomCase(r, 1 + r.nextInt(40), 1 + r.nextInt(12));
            int topK = 1 + r.nextInt(15);
            List<Candidate> input = c.candidates();
            Collections.shuffle(input, r); // the order candidates arrive in must not matter
            List<Fused> got = fusion().rank(input, topK);

            List<Integer> keys = oracleKeys(c);
            // Scores within 1e-9 of each other are ties (Fusion.rank's contract), then broken by rank.
            keys.sort(Comparator.<Integer>comparingDouble(k -> -Math.rint(oracleScore(c, k) * 1e9))
                    .thenComparingInt(k -> bestRank(c, k))
                    .thenComparingInt(k -> c.bm25Rank(k) == 0 ? Integer.MAX_VALUE : c.bm25Rank(k))
                    .thenComparingInt(k -> k));
            List<Integer> expected = keys.subList(0, Math.min(topK, keys.size()));
            String where = "seed " + seed + ", round " + round + ", " + fusion();
            assertEquals(expected, got.stream().map(f -> f.candidate().id()).toList(), where);
            for (Fused f : got) {
                assertEquals(oracleScore(c, f.candidate().id()), f.score(), 1e-9, where);
            }
        }
    }

    /** Ties are broken like {@link Fusion#ORDER}; a single retriever keeps its own order instead. */
    protected int bestRank(RandomCase c, int key) {
        int b = c.bm25Rank(key), v = c.vectorRank(key);
        return b == 0 ? v : v == 0 ? b : Math.min(b, v);
    }

    @Test
    void returnsAtMostTopKDistinctCandidatesBestFirst() {
        Random r = new Random(7);
        RandomCase c = new RandomCase(r, 30, 10);
        List<Fused> got = fusion().rank(c.candidates(), 5);
        assertTrue(got.size() <= 5);
        assertEquals(got.size(), new HashSet<>(got.stream().map(f -> f.candidate().id()).toList()).size());
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i - 1).score() >= got.get(i).score(), got.toString());
        }
    }

    @Test
    void aChunkBestInBothRankingsComesFirst() {
        List<Candidate> cs = List.of(
                new Candidate(3, 9.0, 0.5, 2, 2),
                new Candidate(1, 12.0, 0.9, 1, 1),
                new Candidate(2, 4.0, 0.7, 3, 0),
                new Candidate(4, 0.0, 0.6, 0, 3));
        assertEquals(1, fusion().rank(cs, 4).getFirst().candidate().id());
    }

    @Test
    void noCandidatesGiveNoResultAndTopKMustBePositive() {
        assertTrue(fusion().rank(List.of(), 10).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> fusion().rank(List.of(), 0));
    }

    @Test
    void itsSpecReadsBackAsTheSameFusion() {
        assertEquals(fusion(), Fusions.parse(fusion().toString()));
    }
}
