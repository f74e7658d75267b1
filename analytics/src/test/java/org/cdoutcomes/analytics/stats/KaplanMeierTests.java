package org.cdoutcomes.analytics.stats;

import static org.cdoutcomes.analytics.stats.RReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.stats.RReference.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against R survfit(conf.type = "log-log") and quantile.survfit: src/test/R/km_reference.R. */
class KaplanMeierTests {

    static List<String> fixtures() {
        return RReference.distinct("km_summaries.csv", "fixture");
    }

    static SurvivalCounts counts(String fixture) {
        SurvivalCounts counts = new SurvivalCounts();
        for (Row row : RReference.read("km_fixtures.csv", "fixture", fixture)) {
            int day = row.integer("day");
            if (row.integer("event") == 1) {
                counts.addEvent(day);
            } else {
                counts.addCensored(day);
            }
        }
        return counts;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void summaryMatchesR(String fixture) {
        KaplanMeierSummary summary = KaplanMeier.summarize("product", "x", counts(fixture));
        Row r = RReference.read("km_summaries.csv", "fixture", fixture).get(0);

        assertEquals("product", summary.by());
        assertEquals("x", summary.value());
        assertEquals(r.integer("n"), summary.n());
        assertEquals(r.integer("events"), summary.events());
        assertEquals(r.integer("censored"), summary.censored());
        assertClose(r.number("median"), summary.median(), "median");
        assertClose(r.number("median_ci_lower"), summary.medianCiLower(), "median CI lower");
        assertClose(r.number("median_ci_upper"), summary.medianCiUpper(), "median CI upper");
        assertClose(r.number("q1"), summary.q1(), "q1");
        assertClose(r.number("q3"), summary.q3(), "q3");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void curveMatchesR(String fixture) {
        List<CurvePoint> curve = KaplanMeier.summarize("all", "all", counts(fixture)).curve();
        List<Row> r = RReference.read("km_curves.csv", "fixture", fixture);

        assertEquals(r.size(), curve.size(), "one point per distinct time");
        for (int i = 0; i < r.size(); i++) {
            Row expected = r.get(i);
            CurvePoint point = curve.get(i);
            String at = fixture + " day " + point.day();
            assertEquals(expected.integer("day"), point.day(), at);
            assertEquals(expected.integer("at_risk"), point.atRisk(), at);
            assertEquals(expected.integer("events"), point.events(), at);
            assertEquals(expected.integer("censored"), point.censored(), at);
            assertClose(expected.number("survival"), point.survival(), at + " survival");
            if (expected.number("survival") == 1.0) {
                // analytics.md: the band is [1, 1] where S is 1; R leaves it NA there.
                assertEquals(1.0, point.ciLower(), at);
                assertEquals(1.0, point.ciUpper(), at);
            } else {
                assertClose(expected.number("lower"), point.ciLower(), at + " lower");
                assertClose(expected.number("upper"), point.ciUpper(), at + " upper");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void survivalAtMatchesRSummaryAtTimes(String fixture) {
        KaplanMeierSummary summary = KaplanMeier.summarize("all", "all", counts(fixture));
        for (Row expected : RReference.read("km_survival_at.csv", "fixture", fixture)) {
            int day = expected.integer("day");
            assertClose(expected.number("survival"), KaplanMeier.survivalAt(summary, day), fixture + " day " + day);
        }
    }

    @Test
    void amlMaintenanceTrialHeadlineFigures() {
        // Miller (1981), R's aml data: medians 31 (maintained) and 23 weeks, as every survival text reports them.
        KaplanMeierSummary maintained = KaplanMeier.summarize("all", "all", counts("aml_maintained"));
        KaplanMeierSummary nonMaintained = KaplanMeier.summarize("all", "all", counts("aml_nonmaintained"));
        assertEquals(31.0, maintained.median());
        assertEquals(13.0, maintained.medianCiLower());
        assertNull(maintained.medianCiUpper(), "the upper band ends at 0.525, above 0.5");
        assertEquals(23.0, nonMaintained.median());
        assertEquals(5.0, nonMaintained.medianCiLower());
        assertEquals(33.0, nonMaintained.medianCiUpper());
    }

    @Test
    void quantileRuleByHand() {
        // S = 0.75, 0.5, 0.25, 0 at days 1..4: each level is hit exactly, so each quantile is a midpoint.
        KaplanMeierSummary levels = KaplanMeier.summarize("all", "all", counts("exact_levels_then_drop"));
        assertEquals(2.5, levels.median());
        assertEquals(1.5, levels.q1());
        assertEquals(3.5, levels.q3());
        // One event a day among 20: S = 0.75, 0.5, 0.25 at days 5, 10, 15, computed just below: still midpoints.
        KaplanMeierSummary rounded = KaplanMeier.summarize("all", "all", counts("levels_rounded_below"));
        assertEquals(5.5, rounded.q1());
        assertEquals(10.5, rounded.median());
        assertEquals(15.5, rounded.q3());
        // S = 0.5 from day 2 and never lower, last censoring day 4: median (2 + 4) / 2, q3 never reached.
        KaplanMeierSummary halfAtEnd = KaplanMeier.summarize("all", "all", counts("half_at_end"));
        assertEquals(3.0, halfAtEnd.median());
        assertNull(halfAtEnd.q3());
    }

    @Test
    void medianLimitIsTheFirstCrossingOfANonMonotoneBand() {
        // The upper band is 0.4941 at day 60 and rises to 0.4953 at day 62. analytics.md takes the first time at or
        // below 0.5; R's quantile.survfit (approx() over the sorted band values) gives 62, the km_summaries.csv column
        // r_median_ci_upper.
        KaplanMeierSummary summary = KaplanMeier.summarize("all", "all", counts("nonmonotone_upper_band"));
        assertEquals(60.0, summary.medianCiUpper());
        assertEquals(62.0, RReference.read("km_summaries.csv", "fixture", "nonmonotone_upper_band").get(0)
                .number("r_median_ci_upper"));
    }

    @Test
    void bandIsUndefinedWhereSurvivalIsZero() {
        List<CurvePoint> curve = KaplanMeier.summarize("all", "all", counts("falls_to_zero")).curve();
        CurvePoint last = curve.get(curve.size() - 1);
        assertEquals(0.0, last.survival());
        assertNull(last.ciLower());
        assertNull(last.ciUpper());
    }

    @Test
    void censoredAtAnEventTimeIsStillAtRisk() {
        SurvivalCounts counts = new SurvivalCounts();
        counts.addEvent(3);
        counts.addCensored(3);
        counts.addEvent(5);
        CurvePoint first = KaplanMeier.summarize("all", "all", counts).curve().get(0);
        assertEquals(3, first.atRisk());
        assertEquals(2.0 / 3.0, first.survival(), 1e-15);
    }

    @Test
    void emptyStratumHasNoCurveAndNoFigures() {
        KaplanMeierSummary empty = KaplanMeier.summarize("all", "all", new SurvivalCounts());
        assertEquals(0, empty.n());
        assertTrue(empty.curve().isEmpty());
        assertNull(empty.median());
        assertNull(empty.medianCiLower());
        assertNull(KaplanMeier.survivalAt(empty, 0));
    }
}
