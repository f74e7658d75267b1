package org.cdoutcomes.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xddf.usermodel.XDDFColorRgbBinary;
import org.apache.poi.xddf.usermodel.XDDFFillProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.junit.jupiter.api.Test;

class QuarterlyReportWriterTests {
    private static final String SUPPRESSED = "suppressed";

    private static XSSFWorkbook written(int suppressBelow) throws IOException {
        return written(ReportFixture.context(suppressBelow), ReportFixture.analysis(), ReportFixture.figures());
    }

    /** The workbook written from these values, read back. */
    private static XSSFWorkbook written(ReportContext context, AnalysisResult analysis, ReportFigures figures) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuarterlyReportWriter.write(context, analysis, figures, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    /** A product first injected after the oldest trend quarter still takes its place by id among the trend's rows. */
    @Test
    void trendRowsListProductsByIdWhateverQuarterFirstHasThem() throws IOException {
        ReportFigures figures = ReportFixture.figures();
        List<QuarterFigures> trend = new ArrayList<>(figures.trend());
        QuarterFigures oldest = trend.get(0);
        trend.set(0, new QuarterFigures(oldest.label(), oldest.from(), oldest.to(), oldest.patientsTreated(),
                oldest.newPatients(), 20, List.of(new ProductCount("onabotulinumtoxinA", 20)),
                oldest.medianDaysBetweenInjections(), oldest.closedCycles(), oldest.onsetMedian(), oldest.onsetEvents(),
                oldest.durationMedian(), oldest.durationEvents(), oldest.topSideEffects(), oldest.sites()));
        try (XSSFWorkbook workbook = written(ReportFixture.context(5), ReportFixture.analysis(),
                new ReportFigures(figures.current(), trend, figures.reliefShares(), figures.dosing()))) {
            XSSFSheet summary = workbook.getSheet("Summary");
            int header = rowWith(summary, 0, "Quarter").getRowNum();
            List<String> rows = new ArrayList<>();
            for (int r = header + 1; r <= summary.getLastRowNum(); r++) {
                Cell label = summary.getRow(r).getCell(0);
                if (label != null && label.getStringCellValue().startsWith("Cycles: ")) {
                    rows.add(label.getStringCellValue());
                }
            }
            assertEquals(List.of("Cycles: abobotulinumtoxinA", "Cycles: incobotulinumtoxinA", "Cycles: onabotulinumtoxinA"), rows);
            // the oldest quarter had none of abo: 0, not another product's count
            assertNumber(rowWithAfter(summary, header, "Cycles: abobotulinumtoxinA").getCell(1), 0, "#,##0");
        }
    }

    /**
     * Four terms where the third and fourth tie: the Summary lists three, as report.md asks, and names the fourth; a
     * quarter of the trend table with five tied names its two beyond the third under the table.
     */
    @Test
    void sideEffectsTiedWithTheThirdAreListedToo() throws IOException {
        ReportFigures figures = ReportFixture.figures();
        List<TermCount> tied = List.of(new TermCount("neck_weakness", 6, 40), new TermCount("dysphagia", 3, 40),
                new TermCount("fatigue", 2, 40), new TermCount("headache", 2, 40));
        List<TermCount> tiedInTrend = List.of(new TermCount("dysphagia", 3, 35), new TermCount("dry_mouth", 2, 35),
                new TermCount("fatigue", 2, 35), new TermCount("headache", 2, 35), new TermCount("injection_site_pain", 2, 35));
        List<QuarterFigures> trend = new ArrayList<>(figures.trend());
        trend.set(1, withSideEffects(trend.get(1), tiedInTrend));
        try (XSSFWorkbook workbook = written(ReportFixture.context(0), ReportFixture.analysis(),
                new ReportFigures(withSideEffects(figures.current(), tied), trend, figures.reliefShares(), figures.dosing()))) {
            XSSFSheet summary = workbook.getSheet("Summary");
            assertNumber(rowWith(summary, 0, "fatigue").getCell(1), 2, "#,##0");
            assertThrows(AssertionError.class, () -> rowWith(summary, 0, "headache"), "three rows, not four");
            Row note = rowContaining(summary, "As frequent as the third");
            assertEquals("As frequent as the third, listed by name after it: headache.", note.getCell(0).getStringCellValue());
            assertEquals(rowWith(summary, 0, "fatigue").getRowNum() + 1, note.getRowNum());

            Row third = rowWith(summary, 0, "Third most frequent");
            assertEquals("fatigue", third.getCell(2).getStringCellValue(), "2025-Q4's third, by name");
            Row trendNote = rowWith(summary, 0, "2025-Q4: as frequent as the third, listed by name after it: headache, "
                    + "injection_site_pain.");
            assertEquals(third.getRowNum() + 2, trendNote.getRowNum(), "under the table's last row, its rate");
            String area = workbook.getPrintArea(workbook.getSheetIndex("Summary"));
            assertTrue(area.endsWith("$" + (trendNote.getRowNum() + 1)), area);
            assertEquals(1, rowsContaining(summary, ": as frequent as the third"), "one note, of the tied quarter");
        }
        try (XSSFWorkbook workbook = written(0)) {
            assertThrows(AssertionError.class, () -> rowContaining(workbook.getSheet("Summary"), "As frequent as the third"),
                    "no note without a tie");
            assertEquals(0, rowsContaining(workbook.getSheet("Summary"), "as frequent as the third"));
        }
    }

    /**
     * No side effect among the period's top three says why: none in the counted cycles, no cycle counted yet (the
     * Summary must not read as free of side effects then), or no cycle at all.
     */
    @Test
    void theSummarySaysWhyItListsNoSideEffect() throws IOException {
        ReportFigures figures = ReportFixture.figures();
        ReportFigures none = new ReportFigures(withSideEffects(figures.current(), List.of()), figures.trend(),
                figures.reliefShares(), figures.dosing());
        AnalysisResult counted = ReportFixture.analysis();
        AnalysisResult noneCounted = new AnalysisResult(counted.cohort(), counted.timeToOnset(), counted.durationOfRelief(),
                List.of(), counted.comparisons(), counted.dataQuality());
        try (XSSFWorkbook workbook = written(ReportFixture.context(0), counted, none)) {
            assertNotNull(rowWith(workbook.getSheet("Summary"), 0, "No side effect reported in the counted cycles (a cycle "
                    + "counts once its window of 28 days has passed by the data cutoff)."));
        }
        try (XSSFWorkbook workbook = written(ReportFixture.context(0), noneCounted, none)) {
            assertNotNull(rowWith(workbook.getSheet("Summary"), 0,
                    "No cycle whose side-effect window of 28 days has passed by the data cutoff: no rates yet."));
        }
        QuarterFigures c = none.current();
        QuarterFigures empty = new QuarterFigures(c.label(), c.from(), c.to(), 0, 0, 0, List.of(), null, 0, null, 0, null, 0,
                List.of(), List.of());
        try (XSSFWorkbook workbook = written(ReportFixture.context(0), noneCounted,
                new ReportFigures(empty, figures.trend(), figures.reliefShares(), figures.dosing()))) {
            assertNotNull(rowWith(workbook.getSheet("Summary"), 0, "No cycle in this period: no side effects to count."));
        }
    }

    private static QuarterFigures withSideEffects(QuarterFigures q, List<TermCount> sideEffects) {
        return new QuarterFigures(q.label(), q.from(), q.to(), q.patientsTreated(), q.newPatients(), q.cycles(),
                q.cyclesPerProduct(), q.medianDaysBetweenInjections(), q.closedCycles(), q.onsetMedian(), q.onsetEvents(),
                q.durationMedian(), q.durationEvents(), sideEffects, q.sites());
    }

    @Test
    void hasTheSevenSheetsOfTheSpecInOrder() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertEquals(List.of("Summary", "Onset", "Duration", "Side effects", "Dosing", "Data quality", "Methods"), names);
        }
    }

    @Test
    void summaryHoldsThePeriodFiguresAsFormattedNumbers() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet summary = workbook.getSheet("Summary");
            assertNumber(valueRight(summary, "Patients treated"), 30, "#,##0");
            assertNumber(valueRight(summary, "Injection cycles"), 40, "#,##0");
            assertNumber(valueRight(summary, "Median days between injections"), 91.5, "0.0");
            assertNumber(valueRight(summary, "Median time to onset"), 7.0, "0.0");
            assertNumber(valueRight(summary, "Median duration of relief"), 84.5, "0.0");
            Cell cutoff = valueRight(summary, "Data cutoff");
            assertEquals(CellType.NUMERIC, cutoff.getCellType());
            assertEquals("2026-10-15", new DataFormatter().formatCellValue(cutoff));
            assertEquals("Northside Movement Disorders Clinic", valueRight(summary, "Clinic").getStringCellValue());
            // the report was asked for two sites: they are named, one a row
            Row sites = rowWith(summary, 0, "Sites");
            assertText("north", sites.getCell(1));
            // cycles per product: ona has 40 - 15 = 25, inco 3 is small
            assertNumber(valueRight(summary, "onabotulinumtoxinA"), 25, "#,##0");
            assertText("<5", valueRight(summary, "incobotulinumtoxinA"));
            // top three side effects: neck weakness 6 of 40 = 15.0 %
            Row neck = rowWith(summary, 0, "neck_weakness");
            assertNumber(neck.getCell(3), 0.15, "0.0%");
            assertEquals("15.0%", new DataFormatter().formatCellValue(neck.getCell(3)));
        }
    }

    @Test
    void trendTableHasThePreviousFourQuartersOldestFirst() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet summary = workbook.getSheet("Summary");
            Row header = rowWith(summary, 0, "Quarter");
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= 4; c++) {
                labels.add(header.getCell(c).getStringCellValue());
            }
            assertEquals(List.of("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"), labels);
            assertTrue(header.getCell(5) == null, "four quarters only");
            Row newPatients = rowWithAfter(summary, header.getRowNum(), "New patients");
            Row between = rowWithAfter(summary, header.getRowNum(), "Median days between injections");
            Row onset = rowWithAfter(summary, header.getRowNum(), "Median time to onset (days)");
            assertNumber(newPatients.getCell(1), 6, "#,##0");
            assertNumber(between.getCell(1), 90.0, "0.0");
            assertNumber(onset.getCell(2), 6.5, "0.0");
            // 2026-Q1: 2 new patients, 4 closed cycles and 3 onset events are small
            assertText("<5", newPatients.getCell(3));
            assertText(SUPPRESSED, between.getCell(3));
            assertText(SUPPRESSED, onset.getCell(3));
            // 2026-Q2: 0 new patients is shown as 0
            assertNumber(newPatients.getCell(4), 0, "#,##0");
            assertText("<5", rowWithAfter(summary, header.getRowNum(), "Cycles: incobotulinumtoxinA").getCell(4));
            // the three most frequent side effects of each quarter: 6, 3 (small) and 0 of 40 cycles
            Cell topRate = rowWithAfter(summary, header.getRowNum(), "Its rate (%)").getCell(4);
            assertNumber(topRate, 0.15, "0.0%");
            Row second = rowWithAfter(summary, header.getRowNum(), "Second most frequent");
            assertText("dysphagia", second.getCell(4));
            assertText(SUPPRESSED, summary.getRow(second.getRowNum() + 1).getCell(4));
            Row third = rowWithAfter(summary, header.getRowNum(), "Third most frequent");
            assertText("headache", third.getCell(1));
            assertNumber(summary.getRow(third.getRowNum() + 1).getCell(1), 0.0, "0.0%");
        }
    }

    @Test
    void onsetTableShowsStrataAndSuppressesSmallOnes() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet onset = workbook.getSheet("Onset");
            Row all = rowWith(onset, 1, "all");
            assertNumber(all.getCell(2), 40, "#,##0");
            assertNumber(all.getCell(3), 30, "#,##0");
            assertNumber(all.getCell(4), 10, "#,##0");
            assertNumber(all.getCell(5), 7.0, "0.0");
            assertNumber(all.getCell(6), 6.0, "0.0");
            assertNumber(all.getCell(7), 8.0, "0.0");
            assertNumber(all.getCell(8), 4.0, "0.0");
            assertNumber(all.getCell(9), 12.0, "0.0");

            // 3 cycles, 3 events: the counts and everything from them
            Row inco = rowWith(onset, 1, "incobotulinumtoxinA");
            assertText("<5", inco.getCell(2));
            assertText("<5", inco.getCell(3));
            assertNumber(inco.getCell(4), 0, "#,##0");
            for (int c = 5; c <= 9; c++) {
                assertText(SUPPRESSED, inco.getCell(c));
            }
            // 4 cycles all censored: n is small, 0 events shown, no median can be shown
            Row splenius = rowWith(onset, 1, "splenius");
            assertText("<5", splenius.getCell(2));
            assertNumber(splenius.getCell(3), 0, "#,##0");
            assertText("<5", splenius.getCell(4));
            assertText(SUPPRESSED, splenius.getCell(5));

            // abo: the upper CI bound and q3 are never reached
            Row abo = rowWith(onset, 1, "abobotulinumtoxinA");
            assertNumber(abo.getCell(5), 8.0, "0.0");
            assertText("not reached", abo.getCell(7));

            // censored 5 and 6 are not small
            assertNumber(rowWith(onset, 1, "onabotulinumtoxinA").getCell(4), 6, "#,##0");

            // the log-rank test compares inco too, whose counts are small
            Row test = rowWith(onset, 0, "Log-rank test across products");
            assertText(SUPPRESSED, test.getCell(3));
            assertText(SUPPRESSED, test.getCell(7));
            // its degrees of freedom count products (three, less one), no patients
            assertNumber(test.getCell(5), 2, "#,##0");
        }
    }

    @Test
    void durationTableHasReliefSharesAsPercentagesAndEmptyBeyondTheLastTime() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet duration = workbook.getSheet("Duration");
            Row all = rowWith(duration, 1, "all");
            assertNumber(all.getCell(5), 84.5, "0.0");
            assertNumber(all.getCell(10), 0.6666666666666667, "0.0%");
            assertEquals("66.7%", new DataFormatter().formatCellValue(all.getCell(10)));
            assertNumber(all.getCell(11), 0.33333333333333337, "0.0%");
            Cell week16 = all.getCell(12);
            assertTrue(week16 == null || week16.getCellType() == CellType.BLANK, "empty beyond the last time");
            // levator_scapulae: 6 cycles (shown), 0 events (shown): its median, interval and quartiles are not (fewer
            // than 5 events); its shares derive from no count of 1 to 4, so they are, empty beyond its last time (100)
            Row none = rowWith(duration, 1, "levator_scapulae");
            assertNumber(none.getCell(2), 6, "#,##0");
            assertNumber(none.getCell(3), 0, "#,##0");
            for (int c = 5; c <= 9; c++) {
                assertText(SUPPRESSED, none.getCell(c));
            }
            assertNumber(none.getCell(10), 1.0, "0.0%");
            assertNumber(none.getCell(11), 1.0, "0.0%");
            Cell noneWeek16 = none.getCell(12);
            assertTrue(noneWeek16 == null || noneWeek16.getCellType() == CellType.BLANK, "empty beyond the last time");
            // scalenes: 3 cycles, so its share at 8 weeks is suppressed; there is none at 12 and 16 weeks (last time 70)
            Row small = rowWith(duration, 1, "scalenes");
            assertText("<5", small.getCell(2));
            assertText(SUPPRESSED, small.getCell(10));
            for (int c = 11; c <= 12; c++) {
                Cell beyond = small.getCell(c);
                assertTrue(beyond == null || beyond.getCellType() == CellType.BLANK, "empty beyond the last time, suppressed or not");
            }
            Row test = rowWith(duration, 0, "Log-rank test across products");
            assertNumber(test.getCell(7), 0.00082, Styles.P_VALUE);
            assertEquals("<0.001", new DataFormatter().formatCellValue(test.getCell(7)));
            assertNumber(test.getCell(3), 11.2, "0.00");
        }
    }

    @Test
    void sideEffectsSuppressEveryFigureDerivedFromASmallCount() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet effects = workbook.getSheet("Side effects");
            Row any = rowWithPair(effects, "any", "any");
            assertNumber(any.getCell(2), 40, "#,##0");
            assertNumber(any.getCell(3), 6, "#,##0");
            assertNumber(any.getCell(4), 0.15, "0.0%");
            assertNumber(any.getCell(5), 0.0706, "0.0%");
            assertNumber(any.getCell(6), 0.2915, "0.0%");
            assertText("n/a", any.getCell(9));

            // a = 3: rate and interval suppressed
            Row dysphagia = rowWithPair(effects, "any", "dysphagia");
            assertText("<5", dysphagia.getCell(3));
            for (int c = 4; c <= 6; c++) {
                assertText(SUPPRESSED, dysphagia.getCell(c));
            }
            // the group any has nothing to compare with: no relative risk or p exists to suppress
            for (int c = 9; c <= 12; c++) {
                assertText("n/a", dysphagia.getCell(c));
            }
            // a = 0 is shown, and so is the rate made from it
            Row headache = rowWithPair(effects, "any", "headache");
            assertNumber(headache.getCell(3), 0, "#,##0");
            assertNumber(headache.getCell(4), 0.0, "0.0%");

            // a = 5 and n1 = 25 are shown, b = 1 is small: rate shown, relative risk and p suppressed
            Row group = rowWithPair(effects, ReportFixture.FORMULA_GROUP, "any");
            assertNumber(group.getCell(3), 5, "#,##0");
            assertNumber(group.getCell(4), 0.2, "0.0%");
            assertNumber(group.getCell(7), 15, "#,##0");
            assertText("<5", group.getCell(8));
            for (int c = 9; c <= 12; c++) {
                assertText(SUPPRESSED, group.getCell(c));
            }
            // nothing small: relative risk and p as numbers
            Row levator = rowWithPair(effects, "levator_scapulae", "any");
            assertNumber(levator.getCell(8), 0, "#,##0");
            assertNumber(levator.getCell(9), 13.0, "0.00");
            assertNumber(levator.getCell(12), 0.0202, Styles.P_VALUE);
            assertEquals("0.020", new DataFormatter().formatCellValue(levator.getCell(12)));
            // n1 = 4 is small: its rate derives from it even though a = 0
            Row splenius = rowWithPair(effects, "splenius", "any");
            assertText("<5", splenius.getCell(2));
            assertNumber(splenius.getCell(3), 0, "#,##0");
            assertText(SUPPRESSED, splenius.getCell(4));
            assertText(SUPPRESSED, splenius.getCell(9));
            assertText(SUPPRESSED, splenius.getCell(12));
        }
    }

    @Test
    void dosingSuppressesFiguresOfSmallCycleCounts() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet dosing = workbook.getSheet("Dosing");
            Row ona = rowWith(dosing, 1, "sternocleidomastoid");
            assertNumber(ona.getCell(2), 20, "#,##0");
            assertNumber(ona.getCell(3), 50.0, "0.0#");
            assertNumber(ona.getCell(4), 43.75, "0.0#");
            assertNumber(ona.getCell(5), 62.5, "0.0#");
            // a quartile between two doses shows its two decimals, a whole dose one
            DataFormatter shown = new DataFormatter();
            assertEquals(List.of("50.0", "43.75", "62.5"), List.of(shown.formatCellValue(ona.getCell(3)),
                    shown.formatCellValue(ona.getCell(4)), shown.formatCellValue(ona.getCell(5))));
            Row inco = rowWith(dosing, 1, "splenius_capitis");
            assertText("<5", inco.getCell(2));
            assertText(SUPPRESSED, inco.getCell(3));
            assertText(SUPPRESSED, inco.getCell(4));
            assertText(SUPPRESSED, inco.getCell(5));
        }
    }

    @Test
    void dataQualityCountsRejectsWarningsAndNotes() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet quality = workbook.getSheet("Data quality");
            assertNumber(rowWith(quality, 1, "UNKNOWN_CODE").getCell(2), 12, "#,##0");
            assertText("<5", rowWith(quality, 1, "BAD_DATE").getCell(2));
            assertNumber(rowWith(quality, 1, "DOSE_ABOVE_USUAL_MAX").getCell(2), 7, "#,##0");
            assertNumber(rowWith(quality, 0, "VISIT_ID_MISMATCH").getCell(2), 0, "#,##0");
            assertText("<5", rowWith(quality, 0, "WEAR_OFF_WITHOUT_ONSET").getCell(2));
            assertNumber(rowWith(quality, 0, "RECORDS_WITHOUT_CYCLE").getCell(2), 12, "#,##0");
            // 12 + 3 rejected rows
            assertNumber(rowWith(quality, 0, "Total").getCell(2), 15, "#,##0");
        }
    }

    @Test
    void thresholdZeroTurnsSuppressionOff() throws IOException {
        try (XSSFWorkbook workbook = written(0)) {
            assertNumber(valueRight(workbook.getSheet("Summary"), "New patients"), 4, "#,##0");
            Row inco = rowWith(workbook.getSheet("Onset"), 1, "incobotulinumtoxinA");
            assertNumber(inco.getCell(2), 3, "#,##0");
            assertNumber(inco.getCell(5), 4.0, "0.0");
            Row dysphagia = rowWithPair(workbook.getSheet("Side effects"), "any", "dysphagia");
            assertNumber(dysphagia.getCell(4), 0.075, "0.0%");
            assertEquals(0, cellsWithText(workbook, Pattern.compile("^(<\\d+|suppressed)$")).size());
            assertFalse(valueRight(workbook.getSheet("Methods"), "Log-rank test").getStringCellValue().contains("suppressed"),
                    "no rule to state when nothing is suppressed");
            // the chart now draws all three products
            XSSFChart chart = workbook.getSheet("Onset").getDrawingPatriarch().getCharts().get(0);
            assertEquals(3, chart.getChartSeries().get(0).getSeriesCount());
        }
    }

    /** report.md: a KM median is suppressed when its events are fewer than N; at N = 1 that is a median over none. */
    @Test
    void thresholdOneShowsEveryCountAndHidesAMedianOverNoEvent() throws IOException {
        try (XSSFWorkbook workbook = written(1)) {
            XSSFSheet onset = workbook.getSheet("Onset");
            Row splenius = rowWith(onset, 1, "splenius");
            assertNumber(splenius.getCell(2), 4, "#,##0");
            assertNumber(splenius.getCell(3), 0, "#,##0");
            assertText(SUPPRESSED, splenius.getCell(5));
            assertNumber(rowWith(onset, 1, "incobotulinumtoxinA").getCell(5), 4.0, "0.0");
            assertEquals(0, cellsWithText(workbook, Pattern.compile("^<\\d+$")).size());
            assertTrue(valueRight(workbook.getSheet("Methods"), "Small-cell suppression").getStringCellValue()
                    .contains("only a Kaplan-Meier median with no event behind it"));
        }
    }

    @Test
    void anotherThresholdMovesTheBoundary() throws IOException {
        try (XSSFWorkbook workbook = written(10)) {
            XSSFSheet effects = workbook.getSheet("Side effects");
            Row any = rowWithPair(effects, "any", "any");
            assertText("<10", any.getCell(3));
            assertText(SUPPRESSED, any.getCell(4));
            Row levator = rowWithPair(effects, "levator_scapulae", "any");
            assertNumber(levator.getCell(2), 20, "#,##0");
            // onset: abo has 12 cycles (shown) but 8 events (small)
            Row abo = rowWith(workbook.getSheet("Onset"), 1, "abobotulinumtoxinA");
            assertNumber(abo.getCell(2), 12, "#,##0");
            assertText("<10", abo.getCell(3));
            assertText(SUPPRESSED, abo.getCell(5));
        }
    }

    @Test
    void kaplanMeierChartsAreNativeStepCurvesWithExplicitColours() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            for (String name : List.of("Onset", "Duration")) {
                XSSFSheet sheet = workbook.getSheet(name);
                List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
                assertEquals(1, charts.size(), name);
                XDDFChartData data = charts.get(0).getChartSeries().get(0);
                assertInstanceOf(XDDFScatterChartData.class, data);
                // Onset: abo and ona, inco (3 cycles) left out; Duration: abo, ona and rima (6 cycles, 0 events: no small count)
                assertEquals(name.equals("Onset") ? 2 : 3, data.getSeriesCount(), name);
                for (int s = 0; s < data.getSeriesCount(); s++) {
                    XDDFShapeProperties shape = data.getSeries(s).getShapeProperties();
                    assertNotNull(shape, name + " series " + s);
                    assertSolidColour(shape.getLineProperties().getFillProperties());
                }
            }
            XSSFSheet onset = workbook.getSheet("Onset");
            assertNotNull(rowContaining(onset, "Left out by small-cell suppression (1 to 4 cycles or events): incobotulinumtoxinA"));
            // Onset's last event (ona, day 12) is far before its last censoring (day 30): the days axis ends at the next
            // whole week, 14, ticks every 7 days. Duration's last event (day 98) is near its last time (105): left as is.
            XDDFValueAxis onsetDays = daysAxis(onset);
            assertEquals(14, onsetDays.getMaximum());
            assertEquals(7, onsetDays.getMajorUnit());
            assertTrue(Double.isNaN(daysAxis(workbook.getSheet("Duration")).getMaximum()));

            // ona's steps, by hand from its curve: (0,1) (3,1) (3,.8) (7,.8) (7,.4) (12,.4) (12,.178) (30,.178)
            XDDFScatterChartData.Series ona = (XDDFScatterChartData.Series)
                    onset.getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0).getSeries(1);
            assertEquals("onabotulinumtoxinA", ona.getCTScatterSer().getTx().getStrRef().getStrCache().getPtArray(0).getV());
            double[][] expected = {{0, 1}, {3, 1}, {3, 0.8}, {7, 0.8}, {7, 0.4}, {12, 0.4},
                    {12, 0.17777777777777778}, {30, 0.17777777777777778}};
            assertEquals(expected.length, ona.getValuesData().getPointCount());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i][0], Double.parseDouble(String.valueOf(ona.getCategoryData().getPointAt(i))));
                assertEquals(expected[i][1], ona.getValuesData().getPointAt(i));
            }
        }
    }

    /**
     * analytics.md leaves a stratum without onset out of the duration of relief; the Duration sheet says so, else a
     * product looks unused there. The fixture's onset has splenius with 4 cycles and no onset; a period where no cycle
     * had an onset says that instead of "No cycles in this period".
     */
    @Test
    void theDurationSheetNamesTheStrataWithoutOnset() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            assertNotNull(rowWith(workbook.getSheet("Duration"), 0,
                    "Not listed, as none of their cycles had a relief onset (no duration to measure): splenius (muscle group)."));
            assertEquals(List.of(), cellsWithText(workbook, Pattern.compile("^Not listed")).stream()
                    .map(cell -> cell.getSheet().getSheetName()).filter(sheet -> !sheet.equals("Duration")).toList());
        }
        AnalysisResult fixture = ReportFixture.analysis();
        List<CurvePoint> censoredAt30 = List.of(new CurvePoint(30, 5, 0, 5, 1.0, 1.0, 1.0));
        AnalysisResult noOnset = new AnalysisResult(fixture.cohort(),
                List.of(new KaplanMeierSummary("all", "all", 5, 0, 5, null, null, null, null, null, censoredAt30),
                        new KaplanMeierSummary("product", "onabotulinumtoxinA", 5, 0, 5, null, null, null, null, null, censoredAt30)),
                List.of(), List.of(), List.of(), fixture.dataQuality());
        try (XSSFWorkbook workbook = written(ReportFixture.context(5), noOnset, ReportFixture.figures())) {
            XSSFSheet duration = workbook.getSheet("Duration");
            assertNotNull(rowWith(duration, 0, "No cycle of this period had a relief onset: there is no duration of relief to measure."));
            assertEquals(List.of(), cellsWithText(workbook, Pattern.compile("^No cycles in this period")).stream()
                    .filter(cell -> cell.getSheet() == duration).toList());
        }
    }

    /**
     * A long clinic name and the eight sites with cycles in the period ran past the Summary's print area (column E) on
     * one line, cut off on paper ("…north, riversi"): each wraps over the columns to E, its row as tall as its lines
     * (200 characters over columns B-E, 72 wide, about 86 of prose a line: 3 lines; the sites, 88 characters over C-E,
     * 54 wide, 64 a line: 2 lines; 15 points a line and 3 to spare). The Methods sheet wraps the name in its column B.
     */
    @Test
    void aLongClinicNameAndManySitesWrapInsideThePrintArea() throws IOException {
        String name = "Centro de Distonía Cervical, Département de Neurologie, Klinik für Bewegungsstörungen und "
                + "Botulinumtoxin-Ambulanz der Universitätsmedizin, Movement Disorders Service of the Northern Regions and Isles.";
        assertEquals(200, name.length());
        List<String> sites = List.of("children", "downtown", "east", "main", "north", "riverside", "south", "west");
        ReportContext base = ReportFixture.context(5);
        ReportContext context = new ReportContext(name, List.of(), base.periodLabel(), base.periodFrom(), base.periodTo(),
                base.dataCutoff(), base.runTime(), 5, 28, 180, false, Map.of(), "0.1.0", List.of(), List.of(), List.of());
        ReportFigures figures = ReportFixture.figures();
        QuarterFigures c = figures.current();
        QuarterFigures current = new QuarterFigures(c.label(), c.from(), c.to(), c.patientsTreated(), c.newPatients(),
                c.cycles(), c.cyclesPerProduct(), c.medianDaysBetweenInjections(), c.closedCycles(), c.onsetMedian(),
                c.onsetEvents(), c.durationMedian(), c.durationEvents(), c.topSideEffects(), sites);
        try (XSSFWorkbook workbook = written(context, ReportFixture.analysis(),
                new ReportFigures(current, figures.trend(), figures.reliefShares(), figures.dosing()))) {
            XSSFSheet summary = workbook.getSheet("Summary");
            Cell clinic = rowWith(summary, 1, name).getCell(1);
            assertTrue(clinic.getCellStyle().getWrapText(), "the name wraps");
            assertTrue(summary.getMergedRegions().stream().anyMatch(region -> region.formatAsString().equals(
                    "B" + (clinic.getRowIndex() + 1) + ":E" + (clinic.getRowIndex() + 1))), "the name spans B to E");
            assertEquals(3 * 15 + 3, clinic.getRow().getHeightInPoints(), 0.01);

            String listed = "with cycles in the period: " + String.join(", ", sites);
            Cell sitesCell = rowWith(summary, 2, listed).getCell(2);
            assertTrue(sitesCell.getCellStyle().getWrapText(), "the sites wrap");
            assertTrue(summary.getMergedRegions().stream().anyMatch(region -> region.formatAsString().equals(
                    "C" + (sitesCell.getRowIndex() + 1) + ":E" + (sitesCell.getRowIndex() + 1))), "the sites span C to E");
            assertEquals(2 * 15 + 3, sitesCell.getRow().getHeightInPoints(), 0.01);

            Cell methodsName = rowWith(workbook.getSheet("Methods"), 1, name).getCell(1);
            assertTrue(methodsName.getCellStyle().getWrapText(), "the Methods sheet wraps the name");
            assertEquals(2 * 15 + 3, methodsName.getRow().getHeightInPoints(), 0.01);
        }
    }

    /**
     * A product keeps its colour from chart to chart: the palette's colour of its place in the vocabulary (ona blue, abo
     * orange, inco green, rima red, daxi purple), not of its place among a chart's curves, which moves when suppression
     * or a stratum without cycles leaves a product out of one chart only.
     */
    @Test
    void aProductHasTheSameColourOnEveryChart() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            Map<String, String> onset = seriesColours(workbook.getSheet("Onset"));
            Map<String, String> duration = seriesColours(workbook.getSheet("Duration"));
            assertEquals(Map.of("onabotulinumtoxinA", "1f77b4", "abobotulinumtoxinA", "ff7f0e"), onset);
            assertEquals(Map.of("onabotulinumtoxinA", "1f77b4", "abobotulinumtoxinA", "ff7f0e",
                    "rimabotulinumtoxinB", "d62728"), duration);
        }
    }

    private static Map<String, String> seriesColours(XSSFSheet sheet) {
        XDDFChartData data = sheet.getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0);
        Map<String, String> colours = new HashMap<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XDDFScatterChartData.Series series = (XDDFScatterChartData.Series) data.getSeries(s);
            byte[] rgb = ((XDDFColorRgbBinary) ((XDDFSolidFillProperties) series.getShapeProperties().getLineProperties()
                    .getFillProperties()).getColor()).getValue();
            colours.put(series.getCTScatterSer().getTx().getStrRef().getStrCache().getPtArray(0).getV(),
                    String.format("%02x%02x%02x", rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff));
        }
        return colours;
    }

    /** The charts' English text is tagged English whatever the JVM's locale (POI tags runs with the user's locale). */
    @Test
    void chartTextIsTaggedEnglishUnderAnArabicLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        try (XSSFWorkbook workbook = written(5)) {
            Pattern lang = Pattern.compile("lang=\"([^\"]*)\"");
            int tags = 0;
            for (String name : List.of("Onset", "Duration", "Side effects")) {
                String xml = workbook.getSheet(name).getDrawingPatriarch().getCharts().get(0).getCTChartSpace().xmlText();
                var found = lang.matcher(xml);
                while (found.find()) {
                    assertEquals("en-US", found.group(1), name);
                    tags++;
                }
            }
            assertTrue(tags >= 9, "a title and two axis titles per chart: " + tags);
        } finally {
            Locale.setDefault(before);
        }
    }

    private static XDDFValueAxis daysAxis(XSSFSheet sheet) {
        return sheet.getDrawingPatriarch().getCharts().get(0).getAxes().stream()
                .filter(axis -> axis.getPosition() == AxisPosition.BOTTOM).map(XDDFValueAxis.class::cast).findFirst().orElseThrow();
    }

    @Test
    void sideEffectChartBarsTheAnyRatePerGroupLeavingSuppressedOnesOut() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet effects = workbook.getSheet("Side effects");
            List<XSSFChart> charts = effects.getDrawingPatriarch().getCharts();
            assertEquals(1, charts.size());
            XDDFChartData data = charts.get(0).getChartSeries().get(0);
            assertInstanceOf(XDDFBarChartData.class, data);
            XDDFChartData.Series series = data.getSeries(0);
            assertSolidColour(series.getShapeProperties().getFillProperties());
            // groups any (15%), =1+1 (20%), levator_scapulae (30%); splenius (n1 = 4) left out
            assertEquals(3, series.getValuesData().getPointCount());
            assertEquals(List.of("any", ReportFixture.FORMULA_GROUP, "levator_scapulae"),
                    List.of(series.getCategoryData().getPointAt(0), series.getCategoryData().getPointAt(1),
                            series.getCategoryData().getPointAt(2)));
            assertEquals(0.3, series.getValuesData().getPointAt(2));
            assertNotNull(rowContaining(effects, "Left out by small-cell suppression: splenius"));
        }
    }

    @Test
    void everySheetPrintsLandscapeFittedToWidthWithItsHeaderRepeatedAndFrozen() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                XSSFSheet sheet = workbook.getSheetAt(i);
                String name = sheet.getSheetName();
                assertTrue(sheet.getPrintSetup().getLandscape(), name);
                assertTrue(sheet.getFitToPage(), name);
                assertEquals(1, sheet.getPrintSetup().getFitWidth(), name);
                assertEquals(0, sheet.getPrintSetup().getFitHeight(), name);
                assertNotNull(sheet.getRepeatingRows(), name);
                int header = sheet.getRepeatingRows().getLastRow();
                if (name.equals("Summary")) {
                    assertEquals(0, sheet.getRepeatingRows().getFirstRow(), "the Summary repeats its title");
                    assertEquals(rowWith(sheet, 0, "Item").getRowNum(), header, "and down to its header row");
                }
                assertNotNull(sheet.getPaneInformation(), name);
                assertEquals(header + 1, sheet.getPaneInformation().getHorizontalSplitPosition(), name);
                assertNotNull(workbook.getPrintArea(i), name);
                for (int c = 0; c < 2; c++) {
                    assertTrue(sheet.getColumnWidth(c) > 8 * 256, name + " column " + c);
                }
            }
        }
    }

    /** A report of every site names the sites whose cycles it holds. */
    @Test
    void aReportOfEverySiteNamesTheSitesOfItsCycles() throws IOException {
        ReportContext fixture = ReportFixture.context(5);
        ReportContext everySite = new ReportContext(fixture.clinicName(), List.of(), fixture.periodLabel(), fixture.periodFrom(),
                fixture.periodTo(), fixture.dataCutoff(), fixture.runTime(), fixture.suppressBelow(), fixture.aeWindowDays(),
                fixture.followUpDays(), fixture.firstCycleOnly(), fixture.muscleGroupOverrides(), fixture.softwareVersion(),
                fixture.rejectedRows(), fixture.warnings(), fixture.notes());
        try (XSSFWorkbook workbook = written(everySite, ReportFixture.analysis(), ReportFixture.figures())) {
            Row sites = rowWith(workbook.getSheet("Summary"), 0, "Sites");
            assertText("all sites", sites.getCell(1));
            assertText("with cycles in the period: main, north", sites.getCell(2));
        }
    }

    /**
     * A period without cycles: the chart pages print their note that nothing is drawn, not a bare heading, under the
     * table rather than on a page of their own; the side effects say there is no cycle (not that no window has passed).
     */
    @Test
    void aSheetWithoutCurvesPrintsItsNote() throws IOException {
        AnalysisResult empty = new AnalysisResult(new Cohort(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
                LocalDate.of(2026, 10, 15), 0, 0, 28), List.of(), List.of(), List.of(), List.of(), new DataQuality(0, 0, 0));
        try (XSSFWorkbook workbook = written(ReportFixture.context(5), empty, ReportFixture.figures())) {
            for (String name : List.of("Onset", "Duration")) {
                Row note = rowWith(workbook.getSheet(name), 0, "No product curve to draw.");
                String area = workbook.getPrintArea(workbook.getSheetIndex(name));
                int lastPrinted = Integer.parseInt(area.replaceAll("^.*\\$", ""));
                assertEquals(note.getRowNum() + 1, lastPrinted, name + " " + area);
                assertEquals(0, workbook.getSheet(name).getRowBreaks().length, name);
            }
            XSSFSheet effects = workbook.getSheet("Side effects");
            Row noBars = rowWith(effects, 0, "No bar to draw.");
            assertTrue(workbook.getPrintArea(workbook.getSheetIndex("Side effects")).endsWith("$" + (noBars.getRowNum() + 1)));
            assertEquals(0, effects.getRowBreaks().length);
            assertNotNull(rowWith(effects, 0, "No cycle in this period: no rates."));
        }
    }

    @Test
    void inputTextThatLooksLikeAFormulaStaysText() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            for (String text : List.of(ReportFixture.FORMULA_SITE, ReportFixture.FORMULA_GROUP, ReportFixture.FORMULA_FILE,
                    "-splenius")) {
                List<Cell> cells = cellsWithText(workbook, Pattern.compile(Pattern.quote(text)));
                assertFalse(cells.isEmpty(), text);
                for (Cell cell : cells) {
                    assertEquals(CellType.STRING, cell.getCellType(), text);
                    assertTrue(cell.getCellStyle().getQuotePrefixed(), text + " quote-prefixed");
                }
            }
            for (var sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertFalse(cell.getCellType() == CellType.FORMULA, "no formula anywhere: " + cell.getAddress());
                    }
                }
            }
        }
    }

    /** POI marks text with leading or trailing spaces xml:space="preserve", which the strict OOXML schema refuses. */
    @Test
    void noTextStartsOrEndsWithASpace() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            assertEquals(List.of(), cellsWithText(workbook, Pattern.compile("^\\s|\\s$")).stream()
                    .map(cell -> cell.getSheet().getSheetName() + "!" + cell.getAddress()).toList());
        }
    }

    @Test
    void noCellLooksLikeAPatientIdentifier() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            assertEquals(List.of(), cellsWithText(workbook, Pattern.compile("CD-")));
        }
    }

    @Test
    void methodsExplainSuppressionIndependenceAndTheConfiguration() throws IOException {
        try (XSSFWorkbook workbook = written(5)) {
            XSSFSheet methods = workbook.getSheet("Methods");
            assertTrue(valueRight(methods, "Small-cell suppression").getStringCellValue()
                    .contains("a count of 1 to 4 is shown as '<5'"));
            // report.md suppresses cell by cell: a reader must learn that totals can give a hidden count away
            assertTrue(valueRight(methods, "Small-cell suppression").getStringCellValue()
                    .contains("a hidden count can sometimes be worked out from the totals"));
            assertTrue(valueRight(methods, "Suppression threshold").getStringCellValue()
                    .startsWith("5 (--suppress-below, else CDO_SUPPRESSION_THRESHOLD, else suppression-threshold"),
                    "each place the threshold can come from");
            assertTrue(valueRight(methods, "Log-rank test").getStringCellValue()
                    .contains("'suppressed' when a product's cycles or events are a small count"), "the test's own rule");
            assertTrue(valueRight(methods, "Cycles are not independent").getStringCellValue().contains("--first-cycle-only"));
            assertEquals("0.1.0", valueRight(methods, "Software version").getStringCellValue());
            assertEquals("28 days", valueRight(methods, "Side-effect window").getStringCellValue());
            Row cutoff = rowWithAfter(methods, rowWith(methods, 0, "Configuration used").getRowNum(), "Data cutoff");
            assertEquals(LocalDate.of(2026, 10, 15), cutoff.getCell(1).getLocalDateTimeCellValue().toLocalDate(), "a date, not text");
            for (String topic : List.of("Time to onset", "Duration of relief", "Kaplan-Meier estimate", "Median, Q1 and Q3",
                    "Side-effect rate", "Relative risk", "Fisher exact p", "Log-rank test", "Closed and open cycles", "Codes and ids")) {
                assertNotNull(rowWith(methods, 0, topic), topic);
            }
            assertTrue(valueRight(methods, "Dosing").getStringCellValue().contains("type 7"), "the dosing quartiles' definition");
            assertTrue(valueRight(methods, "Products").getStringCellValue().contains("abobotulinumtoxinA (Dysport, aboBoNT-A)"),
                    "the brand names of the generic ids");
            // analytics.md's quantile rule for a share that falls to exactly 50%, which explains a median such as 5.5
            assertTrue(valueRight(methods, "Median, Q1 and Q3").getStringCellValue().contains("halfway between that day and "
                    + "the next day with an event"));
        }
    }

    @Test
    void methodsNameTheOnlySmallCountAtThresholdTwo() throws IOException {
        try (XSSFWorkbook workbook = written(2)) {
            assertTrue(valueRight(workbook.getSheet("Methods"), "Small-cell suppression").getStringCellValue()
                    .contains("a count of 1 is shown as '<2'"));
        }
    }

    // --- helpers

    private static void assertSolidColour(XDDFFillProperties fill) {
        XDDFSolidFillProperties solid = assertInstanceOf(XDDFSolidFillProperties.class, fill);
        // sRGB bytes; scRGB (XDDFColor.from(int, int, int)) takes percentages and small values read as black
        byte[] rgb = assertInstanceOf(XDDFColorRgbBinary.class, solid.getColor()).getValue();
        assertEquals(3, rgb.length);
        assertTrue((rgb[0] & 0xff) + (rgb[1] & 0xff) + (rgb[2] & 0xff) > 100, "a visible colour, not black");
    }

    private static void assertNumber(Cell cell, double expected, String format) {
        assertNotNull(cell);
        assertEquals(CellType.NUMERIC, cell.getCellType(), cell.getAddress() + " is a number");
        assertEquals(expected, cell.getNumericCellValue(), 1e-12, cell.getAddress().toString());
        assertEquals(format, cell.getCellStyle().getDataFormatString(), cell.getAddress().toString());
    }

    private static void assertText(String expected, Cell cell) {
        assertNotNull(cell);
        assertEquals(CellType.STRING, cell.getCellType(), cell.getAddress() + " is text");
        assertEquals(expected, cell.getStringCellValue(), cell.getAddress().toString());
    }

    private static Row rowWith(XSSFSheet sheet, int column, String text) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                return row;
            }
        }
        return fail("no row of " + sheet.getSheetName() + " with '" + text + "' in column " + column);
    }

    private static Row rowWithAfter(XSSFSheet sheet, int after, String label) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (row.getRowNum() > after && cell != null && cell.getCellType() == CellType.STRING
                && cell.getStringCellValue().equals(label)) {
                return row;
            }
        }
        return fail("no row '" + label + "' after row " + after);
    }

    private static Row rowWithPair(XSSFSheet sheet, String first, String second) {
        for (Row row : sheet) {
            Cell a = row.getCell(0);
            Cell b = row.getCell(1);
            if (a != null && b != null && a.getCellType() == CellType.STRING && b.getCellType() == CellType.STRING
                && a.getStringCellValue().equals(first) && b.getStringCellValue().equals(second)) {
                return row;
            }
        }
        return fail("no row " + first + " / " + second);
    }

    private static Row rowContaining(XSSFSheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().contains(text)) {
                    return row;
                }
            }
        }
        return fail("no cell of " + sheet.getSheetName() + " contains '" + text + "'");
    }

    private static int rowsContaining(XSSFSheet sheet, String text) {
        int rows = 0;
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().contains(text)) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    /** The cell right of the first cell of column A equal to the label. */
    private static Cell valueRight(XSSFSheet sheet, String label) {
        return rowWith(sheet, 0, label).getCell(1);
    }

    private static int column(Row header, String title) {
        for (Cell cell : header) {
            if (cell.getStringCellValue().equals(title)) {
                return cell.getColumnIndex();
            }
        }
        return fail("no column " + title);
    }

    private static List<Cell> cellsWithText(XSSFWorkbook workbook, Pattern pattern) {
        List<Cell> found = new ArrayList<>();
        for (var sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && pattern.matcher(cell.getStringCellValue()).find()) {
                        found.add(cell);
                    }
                }
            }
        }
        return found;
    }
}
