package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics against values worked out by hand. */
class MetricsTest {

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void ndcgUsesGradedGainsAndTheIdealOrder() {
        Map<String, Integer> rel = Map.of("a", 2, "b", 1);
        assertEquals(1.0, Metrics.ndcg(List.of("a", "b", "x"), rel, 10), 1e-9);
        // b first, a second: dcg = 1/log2(2) + 2/log2(3); idcg = 2/log2(2) + 1/log2(3)
        double dcg = 1 + 2 / log2(3);
        double idcg = 2 + 1 / log2(3);
        assertEquals(dcg / idcg, Metrics.ndcg(List.of("b", "a"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "y"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "a"), rel, 1), 1e-9);
    }

    @Test
    void ndcgOfAnNfCorpusLikeQueryWithTwoGradesAndMoreRelevantThanK() {
        // 12 relevant documents: 3 of grade 2, 9 of grade 1; the ideal top 3 is 2, 2, 2 then 1s.
        Map<String, Integer> rel = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) rel.put("g2-" + i, 2);
        for (int i = 0; i < 9; i++) rel.put("g1-" + i, 1);
        List<String> ranked = List.of("g1-0", "x", "g2-0", "g1-1");
        double dcg = 1 / log2(2) + 2 / log2(4) + 1 / log2(5);
        double idcg = 2 / log2(2) + 2 / log2(3) + 2 / log2(4);
        for (int i = 4; i <= 10; i++) idcg += 1 / log2(i + 1);
        assertEquals(dcg / idcg, Metrics.ndcg(ranked, rel, 10), 1e-12);
        // By hand: dcg = 1 + 1 + 0.4307 = 2.4307; idcg = 2 + 1.2619 + 1 + (0.4307 + 0.3869 + 0.3562
        // + 0.3333 + 0.3155 + 0.3010 + 0.2891) = 6.6746; 2.4307 / 6.6746 = 0.3642.
        assertEquals(0.3642, Metrics.ndcg(ranked, rel, 10), 1e-4);
    }

    @Test
    void gradeZeroIsNotRelevantAndTiedGradesMayComeInEitherOrder() {
        Map<String, Integer> rel = Map.of("a", 1, "b", 1, "z", 0);
        assertEquals(1.0, Metrics.ndcg(List.of("a", "b"), rel, 10), 1e-12);
        assertEquals(1.0, Metrics.ndcg(List.of("b", "a"), rel, 10), 1e-12);
        // z (grade 0) in first place gains nothing and pushes a and b down one place each.
        assertEquals((1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3)), Metrics.ndcg(List.of("z", "a", "b"), rel, 10), 1e-12);
        assertEquals(0.0, Metrics.mrr(List.of("z"), rel, 10));
        assertEquals(0.0, Metrics.ndcg(List.of("a"), Map.of(), 10), "a query without relevant documents scores 0");
    }

    @Test
    void recallAndMrr() {
        Map<String, Integer> rel = Map.of("a", 1, "b", 1, "c", 1, "d", 0);
        assertEquals(2 / 3.0, Metrics.recall(List.of("x", "a", "d", "b"), rel, 100), 1e-9);
        assertEquals(1 / 3.0, Metrics.recall(List.of("x", "a", "d", "b"), rel, 2), 1e-9);
        assertEquals(0.5, Metrics.mrr(List.of("x", "a"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.mrr(List.of("x", "d"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.mrr(List.of("x", "y", "a"), rel, 2), 1e-9);
    }

    @Test
    void theQueryItselfIsRemovedAndChunksOfOneDocumentCountOnce() {
        // ArguAna-style: query q1 is also a corpus document and ranks itself first.
        List<String> chunks = List.of("q1", "d1", "d2", "d1", "q1", "d3");
        assertEquals(List.of("d1", "d2", "d3"), Metrics.documentRanking(chunks, "q1", 100));
        assertEquals(List.of("d1", "d2"), Metrics.documentRanking(chunks, "q1", 2));
        Map<String, Integer> rel = Map.of("d2", 1);
        // Without removal d2 would be third (nDCG 1/log2(4) = 0.5); with it, second.
        assertEquals(1 / log2(3), Metrics.ndcg(Metrics.documentRanking(chunks, "q1", 100), rel, 10), 1e-12);
        assertEquals(0.5, Metrics.mrr(Metrics.documentRanking(chunks, "q1", 100), rel, 10), 1e-12);
        // Removal is by exact id only.
        assertEquals(List.of("q1", "d1"), Metrics.documentRanking(List.of("q1", "d1"), "q10", 100));
    }

    @Test
    void rankingsAreEvaluatedInTheOrderGivenEvenWhenScoresTie() {
        // The fusion broke a tie between x and a in x's favour; the metric does not re-sort.
        Map<String, Integer> rel = Map.of("a", 1);
        assertEquals(0.5, Metrics.mrr(List.of("x", "a"), rel, 10));
        assertEquals(1 / log2(3), Metrics.ndcg(List.of("x", "a"), rel, 10), 1e-12);
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) ms[i] = (100 - i) * 1_000_000L; // 100 ms .. 1 ms, unsorted
        assertEquals(50.0, Latency.percentileMillis(ms, 50), 1e-9);
        assertEquals(99.0, Latency.percentileMillis(ms, 99), 1e-9);
        assertEquals(7.0, Latency.percentileMillis(new long[] {7_000_000L}, 99), 1e-9);
        assertEquals(0.0, Latency.percentileMillis(new long[0], 50));
    }
}
