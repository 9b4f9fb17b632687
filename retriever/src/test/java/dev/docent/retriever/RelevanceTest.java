package dev.docent.retriever;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Confidence from the cosine, and in its low band from whether the passages hold the question's terms. */
class RelevanceTest {

    /** A cosine whose relevance is 0.014, the brownie question's over the sample corpus before issue 20. */
    private static final double LOW_COSINE = (Math.log(0.014 / 0.986) - Relevance.INTERCEPT) / Relevance.SLOPE;

    private static Hit hit(double cosine, double coverage) {
        return new Hit("/p", "", 1, "", 0, 0, 1, "text", 1, 1, cosine, coverage, 0.1);
    }

    @Test
    void inTheLowBandAQuestionWhoseTermsNoPassageHoldsIsScaledByTheBestCoverage() {
        List<Hit> hits = List.of(hit(LOW_COSINE, 0.06), hit(LOW_COSINE - 0.01, 0.12));
        assertEquals(0.014, Relevance.confidence(hits), 1e-9);
        assertEquals(0.014 * 0.12 / Relevance.MIN_COVERAGE, Relevance.confidence(hits, "Give me a recipe for chocolate brownies"), 1e-9);
    }

    @Test
    void theCosineDecidesAloneForOneWordAboveTheBandWithEnoughCoverageOrWithoutText() {
        assertEquals(0.014, Relevance.confidence(List.of(hit(LOW_COSINE, 0)), "halibut"), 1e-9);
        assertEquals(0.014, Relevance.confidence(List.of(hit(LOW_COSINE, Relevance.MIN_COVERAGE)), "How do I renew a passport?"), 1e-9);
        assertEquals(0.014, Relevance.confidence(List.of(hit(LOW_COSINE, Double.NaN)), "How do I renew a passport?"), 1e-9);
        double high = Relevance.of(0.8);
        assertEquals(high, Relevance.confidence(List.of(hit(0.8, 0)), "Wie viele Urlaubstage habe ich?"), 1e-9,
                "above the band a question in another language than the passages keeps its cosine's confidence");
        assertEquals(0, Relevance.confidence(List.of(), "any question at all"));
    }
}
