package org.cdoutcomes.reporting;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.cdoutcomes.analytics.report.DosingRow;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.cdoutcomes.analytics.report.ReliefShare;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;
import org.cdoutcomes.analytics.result.SideEffectRow;
import org.cdoutcomes.reporting.ReportContext.IngestCount;

/**
 * A hand-built clinic quarter: small counts (1..4) next to zeros and large counts, and input text that looks
 * like formulas. Values are made up but consistent (rate = a / n1 and so on); no patient identifier anywhere.
 */
final class ReportFixture {
    static final String FORMULA_SITE = "=HYPERLINK(\"http://x\",\"x\")";
    static final String FORMULA_GROUP = "=1+1";
    static final String FORMULA_FILE = "+visits.csv";
    static final String FORMULA_CLINIC = "@Clinic";

    private ReportFixture() {
    }

    static ReportContext context(int suppressBelow) {
        return new ReportContext("Northside Movement Disorders Clinic", List.of("north", FORMULA_SITE),
                "2026-Q3", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
                LocalDate.of(2026, 10, 15), LocalDateTime.of(2026, 11, 24, 21, 30),
                suppressBelow, 28, 180, false, Map.of("trapezius", FORMULA_GROUP, "-splenius", "posterior"), "0.1.0",
                List.of(new IngestCount("visits.csv", "UNKNOWN_CODE", 12), new IngestCount(FORMULA_FILE, "BAD_DATE", 3)),
                List.of(new IngestCount("visits.csv", "DOSE_ABOVE_USUAL_MAX", 7)), List.of());
    }

    /** Onset curve of onabotulinumtoxinA: events at days 3 and 7, a censoring alone at day 5, last time day 30. */
    static final List<CurvePoint> ONA_CURVE = List.of(
            new CurvePoint(3, 25, 5, 0, 0.8, 0.58, 0.91),
            new CurvePoint(5, 20, 0, 2, 0.8, 0.58, 0.91),
            new CurvePoint(7, 18, 9, 0, 0.4, 0.21, 0.58),
            new CurvePoint(12, 9, 5, 1, 0.17777777777777778, 0.06, 0.34),
            new CurvePoint(30, 3, 0, 3, 0.17777777777777778, 0.06, 0.34));

    static AnalysisResult analysis() {
        List<CurvePoint> abo = List.of(
                new CurvePoint(2, 12, 2, 0, 0.8333333333333334, 0.48, 0.96),
                new CurvePoint(8, 10, 6, 1, 0.33333333333333337, 0.1, 0.59),
                new CurvePoint(14, 3, 0, 3, 0.33333333333333337, 0.1, 0.59));
        List<CurvePoint> inco = List.of(new CurvePoint(4, 3, 3, 0, 0.0, null, null));
        List<CurvePoint> all = List.of(new CurvePoint(3, 40, 30, 10, 0.25, 0.13, 0.39));
        List<KaplanMeierSummary> onset = List.of(
                new KaplanMeierSummary("all", "all", 40, 30, 10, 7.0, 6.0, 8.0, 4.0, 12.0, all),
                new KaplanMeierSummary("muscle_group", FORMULA_GROUP, 25, 20, 5, 7.5, 6.0, 9.0, 4.0, 13.0, all),
                new KaplanMeierSummary("muscle_group", "splenius", 4, 0, 4, null, null, null, null, null,
                        List.of(new CurvePoint(20, 4, 0, 4, 1.0, 1.0, 1.0))),
                new KaplanMeierSummary("product", "abobotulinumtoxinA", 12, 8, 4, 8.0, 2.0, null, 5.0, null, abo),
                new KaplanMeierSummary("product", "incobotulinumtoxinA", 3, 3, 0, 4.0, 4.0, 4.0, 4.0, 4.0, inco),
                new KaplanMeierSummary("product", "onabotulinumtoxinA", 25, 19, 6, 7.0, 3.0, 12.0, 7.0, 12.0, ONA_CURVE));
        List<KaplanMeierSummary> duration = List.of(
                new KaplanMeierSummary("all", "all", 30, 20, 10, 84.5, 77.0, 91.0, 70.0, 99.0,
                        List.of(new CurvePoint(60, 30, 10, 0, 0.6666666666666667, 0.47, 0.80),
                                new CurvePoint(90, 20, 10, 10, 0.33333333333333337, 0.17, 0.50))),
                // 6 cycles, none worn off: n is not small, but a median of fewer than 5 events is suppressed, none included;
                // its shares, from no small count, are shown
                new KaplanMeierSummary("muscle_group", "levator_scapulae", 6, 0, 6, null, null, null, null, null,
                        List.of(new CurvePoint(100, 6, 0, 6, 1.0, 1.0, 1.0))),
                // 3 cycles: every figure suppressed, but a share beyond its last time (70 days) stays empty
                new KaplanMeierSummary("muscle_group", "scalenes", 3, 2, 1, 60.0, 50.0, null, 50.0, 70.0,
                        List.of(new CurvePoint(50, 3, 1, 0, 0.6666666666666667, 0.05, 0.95),
                                new CurvePoint(70, 1, 1, 1, 0.0, null, null))),
                new KaplanMeierSummary("product", "abobotulinumtoxinA", 8, 6, 2, 90.0, 60.0, null, 60.0, 95.0,
                        List.of(new CurvePoint(60, 8, 3, 0, 0.625, 0.23, 0.86), new CurvePoint(95, 5, 3, 2, 0.25, 0.04, 0.56))),
                // the products' cycles, events and censored add up to the all row's (8 + 16 + 6, 6 + 14 + 0, 2 + 2 + 6)
                new KaplanMeierSummary("product", "onabotulinumtoxinA", 16, 14, 2, 98.0, 70.0, 98.0, 70.0, 98.0,
                        List.of(new CurvePoint(70, 16, 7, 0, 0.5625, 0.33, 0.75),
                                new CurvePoint(98, 9, 7, 2, 0.125, 0.02, 0.33))),
                // 6 cycles, none worn off: no small count, so its flat curve is drawn (its median is not shown)
                new KaplanMeierSummary("product", "rimabotulinumtoxinB", 6, 0, 6, null, null, null, null, null,
                        List.of(new CurvePoint(105, 6, 0, 6, 1.0, 1.0, 1.0))));
        List<SideEffectRow> effects = List.of(
                new SideEffectRow("any", "any", 40, 6, 0.15, 0.0706, 0.2915, null, null, null, null, null, null),
                new SideEffectRow("any", "dysphagia", 40, 3, 0.075, 0.0258, 0.1989, null, null, null, null, null, null),
                new SideEffectRow("any", "headache", 40, 0, 0.0, 0.0, 0.0876, null, null, null, null, null, null),
                new SideEffectRow(FORMULA_GROUP, "any", 25, 5, 0.2, 0.0886, 0.3913, 15, 1, 3.0, 0.39, 23.2, 0.3764),
                new SideEffectRow(FORMULA_GROUP, "dysphagia", 25, 3, 0.12, 0.0417, 0.3, 15, 0, 4.3, 0.24, 78.0, 0.2753),
                new SideEffectRow("levator_scapulae", "any", 20, 6, 0.3, 0.1455, 0.5190, 20, 0, 13.0, 0.78, 216.0, 0.0202),
                new SideEffectRow("splenius", "any", 4, 0, 0.0, 0.0, 0.4899, 36, 6, 0.6, 0.04, 9.0, 1.0));
        List<LogRankComparison> comparisons = List.of(
                new LogRankComparison("time_to_onset", "product",
                        List.of("abobotulinumtoxinA", "incobotulinumtoxinA", "onabotulinumtoxinA"), 2.5, 2, 0.2865),
                new LogRankComparison("duration_of_relief", "product",
                        List.of("abobotulinumtoxinA", "onabotulinumtoxinA"), 11.2, 1, 0.00082));
        return new AnalysisResult(new Cohort(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 15),
                30, 40, 28), onset, duration, effects, comparisons, new DataQuality(0, 3, 12));
    }

    static ReportFigures figures() {
        QuarterFigures current = quarter("2026-Q3", LocalDate.of(2026, 7, 1), 30, 4, 40, 91.5, 28, 7.0, 30, 84.5, 20);
        List<QuarterFigures> trend = List.of(
                quarter("2025-Q3", LocalDate.of(2025, 7, 1), 26, 6, 35, 90.0, 30, 6.0, 28, 80.0, 25),
                quarter("2025-Q4", LocalDate.of(2025, 10, 1), 27, 5, 36, 92.0, 31, 6.5, 29, 81.0, 26),
                quarter("2026-Q1", LocalDate.of(2026, 1, 1), 28, 2, 38, 91.0, 4, 7.0, 3, 82.0, 27),
                quarter("2026-Q2", LocalDate.of(2026, 4, 1), 29, 0, 39, 93.0, 33, 7.5, 31, 83.0, 28));
        return new ReportFigures(current, trend,
                List.of(new ReliefShare("all", "all", 0.6666666666666667, 0.33333333333333337, null),
                        new ReliefShare("product", "abobotulinumtoxinA", 0.625, 0.625, 0.25),
                        new ReliefShare("product", "onabotulinumtoxinA", 1.0, 0.5625, null),
                        new ReliefShare("muscle_group", "levator_scapulae", 1.0, 1.0, null),
                        new ReliefShare("muscle_group", "scalenes", 0.6666666666666667, null, null),
                        new ReliefShare("product", "rimabotulinumtoxinB", 1.0, 1.0, null)),
                List.of(new DosingRow("onabotulinumtoxinA", "sternocleidomastoid", 20, 50.0, 43.75, 62.5),
                        new DosingRow("incobotulinumtoxinA", "splenius_capitis", 2, 30.0, 25.0, 35.0),
                        new DosingRow("abobotulinumtoxinA", "trapezius", 12, 250.0, 200.0, 300.0)));
    }

    private static QuarterFigures quarter(String label, LocalDate from, int patients, int newPatients, int cycles,
                                          Double daysBetween, int closed, Double onset, int onsetEvents,
                                          Double duration, int durationEvents) {
        return new QuarterFigures(label, from, from.plusMonths(3).minusDays(1), patients, newPatients, cycles,
                List.of(new ProductCount("abobotulinumtoxinA", 12), new ProductCount("incobotulinumtoxinA", 3),
                        new ProductCount("onabotulinumtoxinA", cycles - 15)),
                daysBetween, closed, onset, onsetEvents, duration, durationEvents,
                List.of(new TermCount("neck_weakness", 6, 40), new TermCount("dysphagia", 3, 40),
                        new TermCount("headache", 0, 40)), List.of("main", "north"));
    }
}
