package org.cdoutcomes.app.analyze;

import java.time.LocalDate;
import java.util.Set;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.analytics.Quarter;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * What to analyse as the user asked for it, before the data cutoff is resolved (analytics.md, "Cohort and data
 * cutoff"): {@code asOf} null means the latest stored record date; {@code from}/{@code to} null mean open ends; a
 * {@code quarter} fixes both; empty {@code sites} keeps every site.
 */
public record AnalysisRequest(LocalDate asOf, LocalDate from, LocalDate to, Quarter quarter, Set<String> sites,
                              int aeWindowDays, int followUpDays, boolean firstCycleOnly) {
    public AnalysisRequest {
        sites = Set.copyOf(sites);
    }

    /** Every cycle up to the latest stored date, default window and follow-up. */
    public static AnalysisRequest allCycles() {
        return new AnalysisRequest(null, null, null, null, Set.of(), AnalysisOptions.DEFAULT_AE_WINDOW_DAYS,
                AnalysisOptions.DEFAULT_FOLLOW_UP_DAYS, false);
    }

    /** The cycles of one quarter, other settings at their defaults: what scheduled reports analyse. */
    public static AnalysisRequest ofQuarter(Quarter quarter) {
        return allCycles().withQuarter(quarter);
    }

    public AnalysisRequest withQuarter(Quarter newQuarter) {
        return new AnalysisRequest(asOf, null, null, newQuarter, sites, aeWindowDays, followUpDays, firstCycleOnly);
    }

    /** Whether both ends of the period are known (a quarter, or from and to). */
    public boolean hasClosedPeriod() {
        return quarter != null || (from != null && to != null);
    }

    /** The analytics options once the cutoff is known, with the clinic's muscle groups. */
    public AnalysisOptions toOptions(LocalDate cutoff, MuscleGroups muscleGroups) {
        return new AnalysisOptions(cutoff, from, to, quarter, sites, aeWindowDays, followUpDays, firstCycleOnly, muscleGroups);
    }
}
