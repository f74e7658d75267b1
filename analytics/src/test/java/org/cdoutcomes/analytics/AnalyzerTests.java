package org.cdoutcomes.analytics;

import static org.cdoutcomes.analytics.Histories.BOTOX;
import static org.cdoutcomes.analytics.Histories.d;
import static org.cdoutcomes.analytics.Histories.onset;
import static org.cdoutcomes.analytics.Histories.patient;
import static org.cdoutcomes.analytics.Histories.record;
import static org.cdoutcomes.analytics.Histories.visit;
import static org.cdoutcomes.analytics.Histories.visits;
import static org.cdoutcomes.analytics.Histories.wearOff;
import static org.cdoutcomes.model.vocabulary.Muscle.TRAPEZIUS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.junit.jupiter.api.Test;

/** The analyzer's own logic on cohorts that need no statistics: empty periods, data quality, the trend's quarters. */
class AnalyzerTests {
    private static final List<org.cdoutcomes.model.record.PatientHistory> CLINIC = List.of(
            patient("north", visits(visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS), visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)),
                    wearOff("2024-12-01"), record("2025-01-02", SymptomKind.SCORE, "pain_nrs", "B"), wearOff("2025-01-03"),
                    onset("2025-04-02")),
            patient(null, visits(), onset("2025-02-01"), record("2025-02-02", SymptomKind.ADVERSE_EVENT, "headache", null),
                    onset("2026-03-01")));

    @Test
    void anEmptyCohortHasNoPatientsNoCyclesAndEmptyArraysButItsDataQualityCountsEveryRecord() {
        // Site "south" has no cycle; data quality ignores the cohort options but not the cutoff (2026-03-01 is after it).
        AnalysisOptions options = AnalysisOptions.defaults(d("2026-02-01")).withSites(Set.of("south"));

        AnalysisResult result = Analyzer.analyze(CLINIC.iterator(), options).result();

        assertEquals(new Cohort(null, null, d("2026-02-01"), 0, 0, 28), result.cohort());
        assertEquals(List.of(), result.timeToOnset());
        assertEquals(List.of(), result.durationOfRelief());
        assertEquals(List.of(), result.sideEffects());
        assertEquals(List.of(), result.comparisons());
        // Mismatch: the score naming B in A's cycle. Wear-off without onset: 2025-01-03. Without cycle: the wear-off
        // of 2024-12-01 and the second patient's onset and adverse event.
        assertEquals(new DataQuality(1, 1, 3), result.dataQuality());
    }

    @Test
    void theTrendIsTheFourQuartersBeforeThePeriodOldestFirstWithTheSameCutoff() {
        AnalysisOptions options = AnalysisOptions.defaults(d("2026-02-01")).withQuarter(Quarter.parse("2026-Q2"))
                .withSites(Set.of("south"));

        var figures = Analyzer.analyze(CLINIC.iterator(), options).figures();

        assertEquals(List.of("2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"),
                figures.trend().stream().map(QuarterFigures::label).toList());
        assertEquals(d("2025-04-01"), figures.trend().get(0).from());
        assertEquals(d("2026-03-31"), figures.trend().get(3).to());
        assertEquals("2026-Q2", figures.current().label());
        assertEquals(0, figures.current().patientsTreated());
        assertEquals(List.of(), figures.dosing());
    }

    @Test
    void withoutAStartTheTrendEndsBeforeTheQuarterOfThePeriodsEndElseOfTheCutoff() {
        AnalysisOptions everything = AnalysisOptions.defaults(d("2026-02-01")).withSites(Set.of("south"));
        AnalysisOptions untilSummer = everything.withPeriod(null, d("2025-08-15"));

        assertEquals(List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"), trendLabels(everything));
        assertEquals(List.of("2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"), trendLabels(untilSummer));
    }

    private static List<String> trendLabels(AnalysisOptions options) {
        return Analyzer.analyze(CLINIC.iterator(), options).figures().trend().stream().map(QuarterFigures::label).toList();
    }
}
