package org.cdoutcomes.app.report;

import java.nio.file.Path;
import org.cdoutcomes.analytics.result.AnalysisResult;

/**
 * A written report: its period label (e.g. {@code 2026-Q3}), the files written (the JSON null when none was asked
 * for) and the analysis behind it (cohort, cutoff, figures).
 */
public record ReportResult(String period, Path workbook, Path analysisJson, AnalysisResult analysis) {
    public int patients() {
        return analysis.cohort().patients();
    }

    public int cycles() {
        return analysis.cohort().cycles();
    }
}
