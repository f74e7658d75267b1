package org.cdoutcomes.analytics.result;

import java.util.List;

/** Everything {@code cdo analyze --json} writes (analytics.md, "Output"), in its order. */
public record AnalysisResult(
        Cohort cohort,
        List<KaplanMeierSummary> timeToOnset,
        List<KaplanMeierSummary> durationOfRelief,
        List<SideEffectRow> sideEffects,
        List<LogRankComparison> comparisons,
        DataQuality dataQuality) {
    public static final String SCHEMA = "cdo.analysis/1";

    public AnalysisResult {
        timeToOnset = List.copyOf(timeToOnset);
        durationOfRelief = List.copyOf(durationOfRelief);
        sideEffects = List.copyOf(sideEffects);
        comparisons = List.copyOf(comparisons);
    }
}
