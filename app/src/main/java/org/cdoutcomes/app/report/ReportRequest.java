package org.cdoutcomes.app.report;

import java.nio.file.Path;
import java.util.Objects;
import org.cdoutcomes.analytics.Quarter;
import org.cdoutcomes.app.analyze.AnalysisRequest;

/**
 * A report to write.
 *
 * @param analysis      the cohort; without a closed period (a quarter, or from and to) the report covers the latest
 *                      full quarter (ReportService.defaultQuarter)
 * @param suppressBelow small-cell threshold N (0: off); null takes the configured one
 * @param workbook      the .xlsx to write
 * @param analysisJson  where to write the analysis JSON as well; null for none
 */
public record ReportRequest(AnalysisRequest analysis, Integer suppressBelow, Path workbook, Path analysisJson) {
    public ReportRequest {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(workbook, "workbook");
        if (suppressBelow != null && suppressBelow < 0) {
            throw new IllegalArgumentException("the suppression threshold is 0 (off) or more, not " + suppressBelow);
        }
    }

    /** A quarter's report as {@code cdo demo} and scheduled runs write it: {@code report-<quarter>.xlsx} and {@code analysis.json} in the folder. */
    public static ReportRequest quarterInFolder(Quarter quarter, Path folder) {
        return new ReportRequest(AnalysisRequest.ofQuarter(quarter), null, folder.resolve("report-" + quarter + ".xlsx"),
                folder.resolve("analysis.json"));
    }
}
