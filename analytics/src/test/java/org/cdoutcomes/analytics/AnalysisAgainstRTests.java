package org.cdoutcomes.analytics;

import static org.cdoutcomes.analytics.Histories.BOTOX;
import static org.cdoutcomes.analytics.Histories.DYSPORT;
import static org.cdoutcomes.analytics.Histories.XEOMIN;
import static org.cdoutcomes.analytics.Histories.adverse;
import static org.cdoutcomes.analytics.Histories.d;
import static org.cdoutcomes.analytics.Histories.dose;
import static org.cdoutcomes.analytics.Histories.onset;
import static org.cdoutcomes.analytics.Histories.patient;
import static org.cdoutcomes.analytics.Histories.record;
import static org.cdoutcomes.analytics.Histories.score;
import static org.cdoutcomes.analytics.Histories.visitWithDoses;
import static org.cdoutcomes.analytics.Histories.visits;
import static org.cdoutcomes.analytics.Histories.wearOff;
import static org.cdoutcomes.model.vocabulary.Muscle.LEVATOR_SCAPULAE;
import static org.cdoutcomes.model.vocabulary.Muscle.SPLENIUS_CAPITIS;
import static org.cdoutcomes.model.vocabulary.Muscle.STERNOCLEIDOMASTOID;
import static org.cdoutcomes.model.vocabulary.Muscle.TRAPEZIUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A five-patient clinic end to end, against figures R computed from the cycles worked out by hand
 * (src/test/R/fixture-clinic.R and its output fixture-clinic.expected).
 */
class AnalysisAgainstRTests {
    private static final Path EXPECTED = Path.of("src/test/R/fixture-clinic.expected");

    private static final List<PatientHistory> CLINIC = List.of(
            patient(null, visits(
                            visitWithDoses("1", "2025-01-01", BOTOX, dose(STERNOCLEIDOMASTOID, "50"), dose(TRAPEZIUS, "60")),
                            visitWithDoses("2", "2025-04-01", BOTOX, dose(STERNOCLEIDOMASTOID, "50"), dose(TRAPEZIUS, "80")),
                            visitWithDoses("3", "2025-07-01", BOTOX, dose(STERNOCLEIDOMASTOID, "40"))),
                    onset("2025-01-05"), adverse("2025-01-10", "dysphagia"), wearOff("2025-03-20"),
                    record("2025-04-08", SymptomKind.RELIEF_ONSET, null, "2"), wearOff("2025-07-01"), onset("2025-07-04")),
            patient(null, visits(
                            visitWithDoses("1", "2025-02-01", DYSPORT, dose(SPLENIUS_CAPITIS, "300"), dose(LEVATOR_SCAPULAE, "200")),
                            visitWithDoses("2", "2025-05-01", DYSPORT, dose(SPLENIUS_CAPITIS, "300"), dose(LEVATOR_SCAPULAE, "250")),
                            visitWithDoses("3", "2025-08-01", DYSPORT, dose(SPLENIUS_CAPITIS, "350")),
                            visitWithDoses("4", "2025-11-01", DYSPORT, dose(SPLENIUS_CAPITIS, "350"))),
                    onset("2025-02-10"), wearOff("2025-04-20"), onset("2025-05-12"),
                    record("2025-05-20", SymptomKind.ADVERSE_EVENT, "neck_weakness", "1"),
                    onset("2025-08-03"), adverse("2025-08-30", "headache"), wearOff("2025-10-25"),
                    adverse("2025-11-05", "neck_weakness"), onset("2025-11-15")),
            patient(null, visits(
                            visitWithDoses("1", "2025-03-01", BOTOX, dose(STERNOCLEIDOMASTOID, "30"), dose(SPLENIUS_CAPITIS, "40")),
                            visitWithDoses("2", "2025-06-10", BOTOX, dose(STERNOCLEIDOMASTOID, "30"), dose(SPLENIUS_CAPITIS, "40"))),
                    wearOff("2025-04-01"), adverse("2025-06-11", "injection_site_pain"), adverse("2025-06-15", "dysphagia"),
                    onset("2025-06-20"), wearOff("2025-09-01")),
            patient(null, visits(visitWithDoses("1", "2025-12-15", DYSPORT, dose(TRAPEZIUS, "200"))),
                    score("2025-12-01"), adverse("2025-12-16", "fatigue"), onset("2025-12-20")),
            patient(null, visits(
                            visitWithDoses("1", "2025-01-15", XEOMIN, dose(STERNOCLEIDOMASTOID, "60")),
                            visitWithDoses("2", "2025-04-15", XEOMIN, dose(STERNOCLEIDOMASTOID, "60"))),
                    onset("2025-01-16"), adverse("2025-01-20", "dysphagia"), wearOff("2025-04-10"), onset("2025-04-15"),
                    adverse("2025-04-20", "dysphagia"), wearOff("2025-07-30")),
            patient(null, visits(), adverse("2025-05-05", "headache")));

    private static Analysis analysis;

    @BeforeAll
    static void analyse() {
        analysis = Analyzer.analyze(CLINIC.iterator(), AnalysisOptions.defaults(d("2025-12-31")));
    }

    @Test
    void everyFigureRComputedMatchesAndNoOtherRowOrPointExists() throws IOException {
        FlatFigures.assertMatch(EXPECTED, analysis);
    }

    @Test
    void cohortAndDataQualityAreCountedByHand() {
        AnalysisResult result = analysis.result();

        assertEquals(new Cohort(null, null, d("2025-12-31"), 5, 12, 28), result.cohort());
        // The neck weakness naming visit 1 in cycle 2; the wear-off before any onset; the adverse event of a patient
        // without injection.
        assertEquals(new DataQuality(1, 1, 1), result.dataQuality());
        assertEquals(List.of("abobotulinumtoxinA", "incobotulinumtoxinA", "onabotulinumtoxinA"), result.comparisons().get(0).groups());
    }

    @Test
    void thePeriodsSummaryIsCountedByHand() {
        QuarterFigures current = analysis.figures().current();

        assertEquals("..", current.label());
        assertEquals(5, current.patientsTreated());
        assertEquals(5, current.newPatients());
        assertEquals(12, current.cycles());
        assertEquals(List.of(new ProductCount("abobotulinumtoxinA", 5), new ProductCount("incobotulinumtoxinA", 2),
                new ProductCount("onabotulinumtoxinA", 5)), current.cyclesPerProduct());
        // Closed cycles: 90, 91, 89, 92, 92, 101, 90 days.
        assertEquals(7, current.closedCycles());
        assertEquals(91.0, current.medianDaysBetweenInjections());
        assertEquals(6.0, current.onsetMedian());
        assertEquals(11, current.onsetEvents());
        assertEquals(83.0, current.durationMedian());
        assertEquals(7, current.durationEvents());
        assertEquals(List.of(new TermCount("dysphagia", 4, 11), new TermCount("neck_weakness", 2, 11),
                new TermCount("injection_site_pain", 1, 11)), current.topSideEffects());
    }

    @Test
    void theTrendQuartersAreCountedByHand() {
        ReportFigures figures = analysis.figures();
        QuarterFigures empty = figures.trend().get(0);
        QuarterFigures q1 = figures.trend().get(1);

        assertEquals("2024-Q4", empty.label());
        assertEquals(0, empty.cycles());
        assertNull(empty.medianDaysBetweenInjections());
        assertNull(empty.onsetMedian());
        assertEquals(List.of(), empty.topSideEffects());

        assertEquals("2025-Q1", q1.label());
        assertEquals(4, q1.patientsTreated());
        assertEquals(4, q1.newPatients());
        assertEquals(4, q1.cycles());
        // 89, 90, 90, 101 days; type 7 median 90.
        assertEquals(90.0, q1.medianDaysBetweenInjections());
        // Onset: events at 1, 4, 9, censored at 101: S(4) = 0.5 exactly, so the median is (4 + 9) / 2.
        assertEquals(6.5, q1.onsetMedian());
        assertEquals(3, q1.onsetEvents());
        // Duration: events at 69, 74, 84: S(74) = 1/3.
        assertEquals(74.0, q1.durationMedian());
        assertEquals(List.of(new TermCount("dysphagia", 2, 4)), q1.topSideEffects());
        // 2025-Q2: P1 c2, P2 c2, P3 c2, P5 c2; none is a first cycle.
        assertEquals(0, figures.trend().get(2).newPatients());
        assertEquals(4, figures.trend().get(2).patientsTreated());
    }
}
