package dev.docent.web.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics against values worked out by hand. */
class MetricsTest {

    @Test
    void ndcgUsesGradedGainsAndTheIdealOrder() {
        Map<String, Integer> rel = Map.of("a", 2, "b", 1);
        assertEquals(1.0, Metrics.ndcg(List.of("a", "b", "x"), rel, 10), 1e-9);
        // b first, a second: dcg = 1/log2(2) + 2/log2(3); idcg = 2/log2(2) + 1/log2(3)
        double dcg = 1 + 2 / (Math.log(3) / Math.log(2));
        double idcg = 2 + 1 / (Math.log(3) / Math.log(2));
        assertEquals(dcg / idcg, Metrics.ndcg(List.of("b", "a"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "y"), rel, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "a"), rel, 1), 1e-9);
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
}
