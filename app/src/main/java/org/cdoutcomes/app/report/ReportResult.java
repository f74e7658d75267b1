package org.cdoutcomes.app.report;

import java.nio.file.Path;
import java.util.List;
import org.cdoutcomes.analytics.result.AnalysisResult;

/**
 * A written report: its period label (e.g. {@code 2026-Q3}), the files written (the JSON null when none was asked
 * for), the analysis behind it (cohort, cutoff, figures) and the notes the Summary shows (AnalysisService#notes).
 */
public record ReportResult(String period, Path workbook, Path analysisJson, AnalysisResult analysis, List<String> notes) {
    public int patients() {
        return analysis.cohort().patients();
    }

    public int cycles() {
        return analysis.cohort().cycles();
    }
}
