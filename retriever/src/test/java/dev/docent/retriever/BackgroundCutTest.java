package dev.docent.retriever;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundCutTest {

    @Test
    void theNormalQuantileMatchesTabulatedValues() {
        assertEquals(0, BackgroundCut.normalQuantile(0.5), 1e-9);
        assertEquals(1.959963985, BackgroundCut.normalQuantile(0.975), 1e-7);
        assertEquals(-3.090232306, BackgroundCut.normalQuantile(0.001), 1e-7);
        assertEquals(4.264890794, BackgroundCut.normalQuantile(1 - 1e-5), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> BackgroundCut.normalQuantile(1));
    }

    @Test
    void aLargerCollectionNeedsADocumentToStandOutFurther() {
        assertEquals(2.25, BackgroundCut.zFor(54), 0.01);
        assertEquals(3.21, BackgroundCut.zFor(1_000), 0.01);
        assertEquals(4.36, BackgroundCut.zFor(100_000), 0.01);
    }

    @Test
    void theCutIsTheMeanPlusZDeviationsAgainstABruteForceOracle() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int round = 0; round < 50; round++) {
            int n = BackgroundCut.MIN_BACKGROUND + r.nextInt(500);
            double[] xs = new double[n + 7]; // the tail past n is not read
            for (int i = 0; i < xs.length; i++) xs[i] = 0.5 + 0.05 * r.nextGaussian();
            double mean = 0, sq = 0;
            for (int i = 0; i < n; i++) mean += xs[i] / n;
            for (int i = 0; i < n; i++) sq += (xs[i] - mean) * (xs[i] - mean) / n;
            double expected = Math.max(BackgroundCut.FLOOR, mean + BackgroundCut.zFor(n) * Math.sqrt(sq));
            assertEquals(expected, BackgroundCut.of(xs, n), 1e-12, "seed " + seed);
        }
    }

    @Test
    void tooFewDocumentsTakeTheFixedThresholdAndAFlatBackgroundTheFloor() {
        double[] few = new double[BackgroundCut.MIN_BACKGROUND - 1];
        assertEquals(Relevance.DEFAULT_DOCUMENT_MATCH_COSINE, BackgroundCut.of(few, few.length));
        double[] flat = new double[100];
        java.util.Arrays.fill(flat, 0.3);
        assertEquals(BackgroundCut.FLOOR, BackgroundCut.of(flat, flat.length));
    }
}
