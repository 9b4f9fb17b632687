package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoundCalibrationTest {

    @Test
    void theTradeOffCurveCountsQueriesBelowEachThreshold() {
        double[] answerable = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double[] unanswerable = {0.05, 0.15, 0.25, 0.35};
        var f = new FoundCalibration(0.2, FoundCalibration.below(answerable, 0.2), FoundCalibration.below(unanswerable, 0.2),
                0.1, 0.25, answerable, unanswerable);
        assertEquals(0.1, f.falseNotFound(), 1e-12);
        assertEquals(0.5, f.notFound(), 1e-12);
        List<double[]> curve = f.curve(); // shares 0, 1, 2, 5, 10, 20, 30, 50 %
        assertEquals(8, curve.size());
        // 0-5 %: the lowest answerable confidence, nothing answerable below it; one unanswerable of four is.
        for (int i = 0; i < 4; i++) assertArrayEquals(new double[] {0.1, 0, 0.25}, curve.get(i), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.1, 0.5}, curve.get(4), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.2, 0.75}, curve.get(5), 1e-12);
        assertArrayEquals(new double[] {0.4, 0.3, 1.0}, curve.get(6), 1e-12);
        assertArrayEquals(new double[] {0.6, 0.5, 1.0}, curve.get(7), 1e-12);
    }
}
