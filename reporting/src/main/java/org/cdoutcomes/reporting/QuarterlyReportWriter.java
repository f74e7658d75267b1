package org.cdoutcomes.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.poi.util.LocaleUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;

/**
 * Writes the quarterly Excel workbook of report.md from values computed beforehand; it never queries.
 * The inputs are aggregates (a curve has one point per distinct day), so the whole workbook is built in memory.
 */
public final class QuarterlyReportWriter {
    /** The sheets, in workbook order. */
    public static final List<String> SHEET_NAMES =
            List.of("Summary", "Onset", "Duration", "Side effects", "Dosing", "Data quality", "Methods");

    private static final SurvivalSheet.Metric ONSET = new SurvivalSheet.Metric("Time to onset of relief",
            List.of("Days from the injection to the first report of relief. Cycles without relief so far are censored "
                            + "at the end of their follow-up (Kaplan-Meier).",
                    "Strata: all cycles, each muscle group injected, each product."),
            "With onset (events)", "Share of cycles not yet in relief, by product", "Not yet in relief");
    private static final SurvivalSheet.Metric DURATION = new SurvivalSheet.Metric("Duration of relief",
            List.of("Days from the onset of relief to its wearing off, for cycles with relief. Cycles still in relief are "
                            + "censored at the end of their follow-up (Kaplan-Meier).",
                    "Strata: all cycles, each muscle group injected, each product. Shares in relief: Kaplan-Meier estimate "
                            + "after onset; empty beyond the stratum's last time."),
            "Worn off (events)", "Share of cycles still in relief, by product", "Still in relief");

    private QuarterlyReportWriter() {
    }

    /** Writes the workbook to a stream (left open). */
    public static void write(ReportContext context, AnalysisResult analysis, ReportFigures figures, OutputStream out)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(figures, "figures");
        try (XSSFWorkbook workbook = build(context, analysis, figures)) {
            workbook.write(out);
        }
    }

    static XSSFWorkbook build(ReportContext context, AnalysisResult analysis, ReportFigures figures) {
        // POI tags each chart text run with the user's locale (ar-EG marked the English titles Arabic, for spelling
        // and fonts): the report's text is English wherever it is made, so its workbook is the same everywhere.
        LocaleUtil.setUserLocale(Locale.US);
        try {
            return buildInEnglish(context, analysis, figures);
        } finally {
            LocaleUtil.resetUserLocale();
        }
    }

    private static XSSFWorkbook buildInEnglish(ReportContext context, AnalysisResult analysis, ReportFigures figures) {
        XSSFWorkbook workbook = new XSSFWorkbook();
        Styles styles = new Styles(workbook);
        SmallCells smallCells = new SmallCells(context.suppressBelow());
        workbook.getProperties().getCoreProperties().setCreator("CD Outcomes " + context.softwareVersion());
        workbook.getProperties().getCoreProperties().setTitle("CD Outcomes quarterly report " + context.periodLabel());
        List<SheetLayout> sheets = SHEET_NAMES.stream()
                .map(name -> new SheetLayout(workbook.createSheet(name), styles, smallCells)).toList();

        SummarySheet.write(sheets.get(0), context, figures.current(), figures.trend(), context.aeWindowDays(),
                !analysis.sideEffects().isEmpty());
        SurvivalSheet.write(sheets.get(1), ONSET, analysis.timeToOnset(), null, comparison(analysis, "time_to_onset"), null);
        SurvivalSheet.write(sheets.get(2), DURATION, analysis.durationOfRelief(), figures.reliefShares(),
                comparison(analysis, "duration_of_relief"), withoutOnset(analysis.timeToOnset()));
        SideEffectsSheet.write(sheets.get(3), analysis.sideEffects(), analysis.cohort().cycles(), context.aeWindowDays());
        DosingSheet.write(sheets.get(4), figures.dosing());
        DataQualitySheet.write(sheets.get(5), context.rejectedRows(), context.warnings(), analysis.dataQuality());
        MethodsSheet.write(sheets.get(6), context);
        workbook.setActiveSheet(0);
        return workbook;
    }

    /**
     * The strata of the period without a duration to measure, none of whose cycles had a relief onset: analytics.md
     * leaves them out of the duration of relief, where a product would otherwise seem not to have been used.
     */
    static String withoutOnset(List<KaplanMeierSummary> onset) {
        List<KaplanMeierSummary> none = onset.stream().filter(stratum -> stratum.events() == 0).toList();
        if (none.isEmpty()) {
            return null;
        }
        if (none.stream().anyMatch(stratum -> stratum.by().equals("all"))) {
            return "No cycle of this period had a relief onset: there is no duration of relief to measure.";
        }
        return "Not listed, as none of their cycles had a relief onset (no duration to measure): " + none.stream()
                .map(stratum -> stratum.value() + " (" + SurvivalSheet.stratumLabel(stratum.by()).toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", ")) + ".";
    }

    private static Optional<LogRankComparison> comparison(AnalysisResult analysis, String metric) {
        return analysis.comparisons().stream().filter(c -> c.metric().equals(metric)).findFirst();
    }
}
