package org.cdoutcomes.analytics.stats;

import static org.cdoutcomes.analytics.stats.RReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.cdoutcomes.analytics.stats.RReference.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against R prop.test(correct = FALSE), fisher.test and Katz's interval: src/test/R/proportions_reference.R. */
class ProportionsTests {

    static List<Row> tables() {
        return RReference.read("proportions_expected.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void wilsonMatchesPropTest(Row r) {
        Interval rate = Proportions.wilson(r.integer("a"), r.integer("n1"));
        assertClose(r.number("rate"), rate.estimate(), "rate");
        assertClose(r.number("ci_lower"), rate.lower(), "lower");
        assertClose(r.number("ci_upper"), rate.upper(), "upper");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void katzRelativeRisk(Row r) {
        Interval risk = Proportions.relativeRisk(r.integer("a"), r.integer("n1"), r.integer("b"), r.integer("n0"));
        assertClose(r.number("relative_risk"), risk.estimate(), "relative risk");
        assertClose(r.number("rr_ci_lower"), risk.lower(), "lower");
        assertClose(r.number("rr_ci_upper"), risk.upper(), "upper");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void fisherMatchesFisherTest(Row r) {
        double p = Proportions.fisherTwoSided(r.integer("a"), r.integer("n1"), r.integer("b"), r.integer("n0"));
        assertClose(r.number("fisher_p"), p, "fisher p");
        // Relative too: small p-values must keep their digits.
        RReference.assertRelativelyClose(r.number("fisher_p"), p, 1e-9, "fisher p");
    }

    @Test
    void wilsonBoundsAreExactAtTheEdges() {
        assertEquals(0.0, Proportions.wilson(0, 7).lower());
        assertEquals(1.0, Proportions.wilson(7, 7).upper());
    }

    @Test
    void zeroCellCorrectionByHand() {
        // a = 0: (0.5 / 11) / (3.5 / 21) = 0.2727..., se^2 = 1/0.5 - 1/11 + 1/3.5 - 1/21
        Interval risk = Proportions.relativeRisk(0, 10, 3, 20);
        assertEquals((0.5 / 11) / (3.5 / 21), risk.estimate(), 1e-15);
        double se = Math.sqrt(1 / 0.5 - 1 / 11.0 + 1 / 3.5 - 1 / 21.0);
        assertEquals(risk.estimate() * Math.exp(Proportions.Z * se), risk.upper(), 1e-12);
    }

    /** R computes (a/n1)/(b/n0) as written: its value to the bit (it was 3.0000000000000004 for 3, as exp(log(3))). */
    @Test
    void theEstimateIsTheRatioOfTheRisksToTheBit() {
        // b = 0: (1.5 / 2) / (0.5 / 2) = 3 exactly
        assertEquals(3.0, Proportions.relativeRisk(1, 1, 0, 1).estimate(), 0.0);
        // (2 / 4) / (1 / 4) = 2 exactly; R prints (3 / 10) / (1 / 10) as 2.9999999999999996 (digits = 17)
        assertEquals(2.0, Proportions.relativeRisk(2, 4, 1, 4).estimate(), 0.0);
        assertEquals(2.9999999999999996, Proportions.relativeRisk(3, 10, 1, 10).estimate(), 0.0);
    }

    @Test
    void fisherOfSymmetricTableCountsItsMirrorImage() {
        // [[1, 3], [3, 1]]: tables x = 0..4 have probabilities 1, 16, 36, 16, 1 (/70); x = 1 ties with x = 3.
        assertEquals(34.0 / 70.0, Proportions.fisherTwoSided(1, 4, 3, 4), 1e-15);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Proportions.relativeRisk(1, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Proportions.fisherTwoSided(-1, 5, 0, 3));
    }
}
