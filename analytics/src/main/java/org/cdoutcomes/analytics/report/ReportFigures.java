package org.cdoutcomes.analytics.report;

import java.util.List;

/**
 * The report's figures beyond the analysis JSON (report.md): the period's summary, the previous four quarters
 * (oldest first, same data cutoff), the share still in relief 8/12/16 weeks after onset, and dosing.
 */
public record ReportFigures(QuarterFigures current, List<QuarterFigures> trend, List<ReliefShare> reliefShares,
                            List<DosingRow> dosing) {
    public ReportFigures {
        trend = List.copyOf(trend);
        reliefShares = List.copyOf(reliefShares);
        dosing = List.copyOf(dosing);
    }
}
