package org.cdoutcomes.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.cdoutcomes.analytics.report.DosingRow;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.ReliefShare;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.SideEffectRow;

/**
 * The inputs of a 100,000-patient clinic are aggregates: curves of one point per distinct day, one row per group
 * and term. The report of such a clinic is written within the 512 MB test heap (surefire argLine), and an empty
 * cohort still gives all seven sheets.
 */
class ClinicScaleTests {
    private static final List<String> PRODUCTS = List.of("abobotulinumtoxinA", "daxibotulinumtoxinA",
            "incobotulinumtoxinA", "onabotulinumtoxinA", "rimabotulinumtoxinB");
    private static final int GROUPS = 12;
    private static final int DAYS = 730;

    @Test
    void writesTheReportOfAHundredThousandPatientClinic() throws IOException {
        int cycles = 400_000;
        List<KaplanMeierSummary> strata = new ArrayList<>();
        strata.add(stratum("all", "all", cycles));
        for (int g = 0; g < GROUPS; g++) {
            strata.add(stratum("muscle_group", "group" + g, cycles / 3));
        }
        PRODUCTS.forEach(p -> strata.add(stratum("product", p, cycles / PRODUCTS.size())));
        List<SideEffectRow> effects = new ArrayList<>();
        List<ReliefShare> shares = new ArrayList<>();
        for (KaplanMeierSummary s : strata) {
            shares.add(new ReliefShare(s.by(), s.value(), 0.7, 0.5, 0.3));
            if (!s.by().equals("product")) {
                for (int t = 0; t < 11; t++) {
                    effects.add(new SideEffectRow(s.value(), "term" + t, s.n(), s.n() / 10, 0.1, 0.09, 0.11,
                            s.by().equals("all") ? null : cycles - s.n(), s.by().equals("all") ? null : cycles / 12,
                            s.by().equals("all") ? null : 1.2, 1.1, 1.3, 0.001));
                }
            }
        }
        List<DosingRow> dosing = new ArrayList<>();
        PRODUCTS.forEach(p -> {
            for (int m = 0; m < 25; m++) {
                dosing.add(new DosingRow(p, "muscle" + m, 10_000, 50, 40, 60));
            }
        });
        AnalysisResult analysis = new AnalysisResult(new Cohort(null, null, LocalDate.of(2026, 10, 15), 100_000, cycles, 28),
                strata, strata, effects, List.of(), new DataQuality(10, 20, 30));
        QuarterFigures quarter = new QuarterFigures("2026-Q3", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
                100_000, 5_000, cycles / 8, List.of(), 91.0, 40_000, 7.0, 40_000, 84.0, 30_000, List.of(), List.of("main"));
        ReportFigures figures = new ReportFigures(quarter, List.of(quarter, quarter, quarter, quarter), shares, dosing);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuarterlyReportWriter.write(ReportFixture.context(5), analysis, figures, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var onsetChart = workbook.getSheet("Onset").getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0);
            assertEquals(PRODUCTS.size(), onsetChart.getSeriesCount());
            // a step curve: the start, then two points per day with an event
            assertEquals(1 + 2 * DAYS, onsetChart.getSeries(0).getValuesData().getPointCount());
            assertEquals(GROUPS * 11 + 11, countRowsWithTerm(workbook));
        }
        assertTrue(out.size() < 5_000_000, "an aggregate report stays small: " + out.size() + " bytes");
    }

    @Test
    void anEmptyCohortStillGivesEverySheet() throws IOException {
        AnalysisResult analysis = new AnalysisResult(new Cohort(null, null, LocalDate.of(2026, 10, 15), 0, 0, 28),
                List.of(), List.of(), List.of(), List.of(), new DataQuality(0, 0, 0));
        QuarterFigures quarter = new QuarterFigures("2026-Q3", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
                0, 0, 0, List.of(), null, 0, null, 0, null, 0, List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuarterlyReportWriter.write(ReportFixture.context(5), analysis, new ReportFigures(quarter, List.of(), List.of(), List.of()), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(QuarterlyReportWriter.SHEET_NAMES.size(), workbook.getNumberOfSheets());
            var summary = workbook.getSheet("Summary");
            for (var row : summary) {
                var label = row.getCell(0);
                if (label != null && label.getCellType() == CellType.STRING && label.getStringCellValue().equals("Patients treated")) {
                    assertEquals(CellType.NUMERIC, row.getCell(1).getCellType());
                    assertEquals(0, row.getCell(1).getNumericCellValue());
                }
            }
            assertTrue(workbook.getSheet("Onset").getDrawingPatriarch() == null
                       || workbook.getSheet("Onset").getDrawingPatriarch().getCharts().isEmpty(), "no curve, no chart");
        }
    }

    private static int countRowsWithTerm(XSSFWorkbook workbook) {
        int rows = 0;
        for (var row : workbook.getSheet("Side effects")) {
            var term = row.getCell(1);
            if (term != null && term.getCellType() == CellType.STRING && term.getStringCellValue().startsWith("term")) {
                rows++;
            }
        }
        return rows;
    }

    /** A stratum whose curve has an event on every day of two years. */
    private static KaplanMeierSummary stratum(String by, String value, int n) {
        List<CurvePoint> curve = new ArrayList<>(DAYS);
        int atRisk = n;
        double survival = 1;
        for (int day = 1; day <= DAYS; day++) {
            int events = Math.max(1, atRisk / 200);
            survival *= 1 - (double) events / atRisk;
            curve.add(new CurvePoint(day, atRisk, events, 0, survival, survival * 0.95, Math.min(1, survival * 1.05)));
            atRisk -= events;
        }
        return new KaplanMeierSummary(by, value, n, n - atRisk, atRisk, 120.0, 110.0, 130.0, 60.0, 250.0, curve);
    }
}
