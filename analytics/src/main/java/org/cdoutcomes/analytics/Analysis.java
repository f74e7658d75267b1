package org.cdoutcomes.analytics;

import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;

/** What one pass over the histories gives: the analysis JSON's content and the report's further figures. */
public record Analysis(AnalysisResult result, ReportFigures figures) {
}
