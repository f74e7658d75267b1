package org.cdoutcomes.analytics.output;

import static org.cdoutcomes.analytics.Histories.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.SideEffectRow;
import org.junit.jupiter.api.Test;

class AnalysisSummaryTests {
    @Test
    void summarisesTheCohortTheAllStratumMediansTheOverallSideEffectRateAndDataQuality() {
        AnalysisResult result = new AnalysisResult(new Cohort(d("2025-07-01"), d("2025-09-30"), d("2026-02-01"), 120, 480, 28),
                List.of(new KaplanMeierSummary("all", "all", 480, 430, 50, 7.0, 6.0, 8.5, 5.0, 10.0, List.of())),
                List.of(new KaplanMeierSummary("all", "all", 430, 300, 130, 84.0, 80.0, null, 70.0, null, List.of())),
                List.of(new SideEffectRow("any", "any", 400, 48, 0.12, 0.09, 0.15, null, null, null, null, null, null)),
                List.of(), new DataQuality(0, 3, 5));

        assertEquals(String.join(System.lineSeparator(),
                "Cohort: cycles 2025-07-01..2025-09-30, data as of 2026-02-01: 120 patients, 480 cycles",
                "Time to onset: median 7.0 days (95% CI 6.0 to 8.5), 430 events in 480 cycles",
                "Duration of relief: median 84.0 days (95% CI 80.0 to not reached), 300 events in 430 cycles",
                "Side effects: any term in 48 of 400 counted cycles (12.0%, 28-day window)",
                "Data quality: 0 visit id mismatches, 3 wear-offs without onset, 5 records without cycle", ""),
                AnalysisSummary.text(result));
    }

    /** A median not reached has no unit: "median not reached days" read as a typo. */
    @Test
    void aMedianNotReachedReadsAsSuch() {
        AnalysisResult result = new AnalysisResult(new Cohort(null, null, d("2026-02-01"), 10, 12, 28),
                List.of(new KaplanMeierSummary("all", "all", 12, 10, 2, 6.0, 5.0, 9.0, 4.0, 8.0, List.of())),
                List.of(new KaplanMeierSummary("all", "all", 10, 3, 7, null, 76.0, null, 70.0, null, List.of())),
                List.of(), List.of(), new DataQuality(0, 0, 0));

        assertEquals("Duration of relief: median not reached (95% CI 76.0 to not reached), 3 events in 10 cycles",
                AnalysisSummary.text(result).lines().toList().get(2));
    }

    @Test
    void anEmptyCohortSaysSo() {
        AnalysisResult result = new AnalysisResult(new Cohort(null, null, d("2026-02-01"), 0, 0, 14),
                List.of(), List.of(), List.of(), List.of(), new DataQuality(1, 0, 0));

        assertEquals(String.join(System.lineSeparator(),
                "Cohort: all cycles, data as of 2026-02-01: 0 patients, 0 cycles",
                "Time to onset: no cycles",
                "Duration of relief: no cycles",
                "Side effects: no cycle past its 14-day window",
                "Data quality: 1 visit id mismatch, 0 wear-offs without onset, 0 records without cycle", ""),
                AnalysisSummary.text(result));
    }

    /** One of a thing is said in the singular: "1 events in 1 cycles" read as careless. */
    @Test
    void oneOfAThingIsSaidInTheSingular() {
        AnalysisResult result = new AnalysisResult(new Cohort(null, null, d("2026-02-01"), 1, 1, 28),
                List.of(new KaplanMeierSummary("all", "all", 1, 1, 0, 6.0, 6.0, null, 6.0, 6.0, List.of())),
                List.of(new KaplanMeierSummary("all", "all", 1, 1, 0, 90.0, 90.0, null, 90.0, 90.0, List.of())),
                List.of(new SideEffectRow("any", "any", 1, 1, 1.0, 0.21, 1.0, null, null, null, null, null, null)),
                List.of(), new DataQuality(0, 1, 1));

        assertEquals(String.join(System.lineSeparator(),
                "Cohort: all cycles, data as of 2026-02-01: 1 patient, 1 cycle",
                "Time to onset: median 6.0 days (95% CI 6.0 to not reached), 1 event in 1 cycle",
                "Duration of relief: median 90.0 days (95% CI 90.0 to not reached), 1 event in 1 cycle",
                "Side effects: any term in 1 of 1 counted cycle (100.0%, 28-day window)",
                "Data quality: 0 visit id mismatches, 1 wear-off without onset, 1 record without cycle", ""),
                AnalysisSummary.text(result));
    }
}
