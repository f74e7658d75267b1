package org.cdoutcomes.reporting;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;

import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.model.vocabulary.Product;

/**
 * Native, editable charts fed from cells of their own sheet (past the print area). Every series gets an
 * explicit colour: LibreOffice draws series without one as empty.
 */
final class Charts {
    /** A palette that stays distinguishable in print. */
    private static final int[][] PALETTE = {
            {31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}, {148, 103, 189},
            {140, 86, 75}, {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};

    /** Where a chart goes on the sheet (cells, exclusive end) and where its data may be written. */
    record Placement(int firstRow, int firstColumn, int lastRow, int lastColumn, int dataRow, int dataColumn) {
    }

    private Charts() {
    }

    static XDDFColor colour(int index) {
        int[] rgb = PALETTE[index % PALETTE.length];
        return rgb(rgb[0], rgb[1], rgb[2]);
    }

    /** An sRGB colour (a:srgbClr); XDDFColor.from(int, int, int) writes scRGB percentages, which read as black. */
    static XDDFColor rgb(int red, int green, int blue) {
        return XDDFColor.from(new byte[] {(byte) red, (byte) green, (byte) blue});
    }

    /**
     * Kaplan-Meier curves of products as step lines: at each time, the previous S then the new S. Returns the number of
     * series drawn (0: no chart).
     */
    static int survivalSteps(SheetLayout layout, Placement at, String title, String xTitle, String yTitle,
                             List<KaplanMeierSummary> strata) {
        if (strata.isEmpty()) {
            return 0;
        }
        layout.text(at.dataRow(), at.dataColumn(), "Chart data: step points of the curves (" + title + ")", layout.styles.section);
        List<double[][]> steps = new ArrayList<>();
        for (int s = 0; s < strata.size(); s++) {
            KaplanMeierSummary stratum = strata.get(s);
            int x = at.dataColumn() + 2 * s;
            layout.input(at.dataRow() + 1, x, stratum.value());
            layout.text(at.dataRow() + 2, x, "day", layout.styles.header);
            layout.text(at.dataRow() + 2, x + 1, "share", layout.styles.header);
            double[][] points = padded(steps(stratum.curve()), longest(strata));
            for (int i = 0; i < points.length; i++) {
                layout.number(at.dataRow() + 3 + i, x, points[i][0], layout.styles.count);
                layout.number(at.dataRow() + 3 + i, x + 1, points[i][1], layout.styles.percent);
            }
            steps.add(points);
        }

        XSSFChart chart = newChart(layout, at, title);
        XDDFValueAxis days = chart.createValueAxis(AxisPosition.BOTTOM);
        days.setTitle(xTitle);
        days.setMinimum(0);
        days.setCrosses(AxisCrosses.AUTO_ZERO);
        scaleToEvents(days, strata);
        XDDFValueAxis share = chart.createValueAxis(AxisPosition.LEFT);
        share.setTitle(yTitle);
        share.setMinimum(0);
        share.setMaximum(1);
        share.setMajorUnit(0.25);
        share.setNumberFormat("0%");
        share.setCrosses(AxisCrosses.AUTO_ZERO);
        share.getOrAddMajorGridProperties().setLineProperties(solidLine(rgb(217, 217, 217), 0.75));

        XDDFScatterChartData data = (XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, days, share);
        data.setStyle(ScatterStyle.LINE);
        data.setVaryColors(false);
        for (int s = 0; s < strata.size(); s++) {
            int x = at.dataColumn() + 2 * s;
            int first = at.dataRow() + 3;
            int last = first + steps.get(s).length - 1;
            XDDFScatterChartData.Series series = (XDDFScatterChartData.Series) data.addSeries(
                    XDDFDataSourcesFactory.fromNumericCellRange(layout.sheet, new CellRangeAddress(first, last, x, x)),
                    XDDFDataSourcesFactory.fromNumericCellRange(layout.sheet, new CellRangeAddress(first, last, x + 1, x + 1)));
            series.setTitle(strata.get(s).value(), new CellReference(layout.sheet.getSheetName(), at.dataRow() + 1, x, true, true));
            series.setSmooth(false);
            series.setMarkerStyle(MarkerStyle.NONE);
            XDDFShapeProperties shape = new XDDFShapeProperties();
            // a product's own colour on every chart, whichever products a chart leaves out
            shape.setLineProperties(solidLine(colour(Product.VOCABULARY.byId(strata.get(s).value()).ordinal()), 2.0));
            series.setShapeProperties(shape);
        }
        chart.plot(data);
        return strata.size();
    }

    /**
     * Ends the days axis soon after the last event when censored cycles run on much longer: the curves are flat there,
     * and onset's few events (within weeks) would be squeezed against the axis of a follow-up of months. Ticks fall on
     * whole weeks (1, 2, 4, 8 ... of them), at most ten.
     */
    static void scaleToEvents(XDDFValueAxis days, List<KaplanMeierSummary> strata) {
        int lastEvent = 0;
        int lastTime = 0;
        for (KaplanMeierSummary stratum : strata) {
            for (CurvePoint point : stratum.curve()) {
                lastTime = Math.max(lastTime, point.day());
                if (point.events() > 0) {
                    lastEvent = Math.max(lastEvent, point.day());
                }
            }
        }
        if (lastEvent == 0 || lastTime <= lastEvent * 3 / 2) {
            return;
        }
        int step = 7;
        while (lastEvent + 1 > 10 * step) {
            step *= 2;
        }
        days.setMaximum(Math.min(lastTime, (lastEvent / step + 1) * step));
        days.setMajorUnit(step);
    }

    private static int longest(List<KaplanMeierSummary> strata) {
        return strata.stream().mapToInt(s -> steps(s.curve()).length).max().orElse(0);
    }

    /**
     * Repeats the last point up to {@code length}: LibreOffice draws a series shorter than the chart's longest one
     * with a stray line back to (0, 0).
     */
    static double[][] padded(double[][] points, int length) {
        double[][] result = java.util.Arrays.copyOf(points, length);
        java.util.Arrays.fill(result, points.length, length, points[points.length - 1]);
        return result;
    }

    /** Step points of a curve from (0, 1): each change of S at day t gives (t, previous S) and (t, new S). */
    static double[][] steps(List<CurvePoint> curve) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 1});
        double previous = 1;
        for (CurvePoint point : curve) {
            if (point.survival() != previous) {
                points.add(new double[] {point.day(), previous});
                points.add(new double[] {point.day(), point.survival()});
                previous = point.survival();
            }
        }
        // carry the last level to the last time observed (censored cycles keep the curve going)
        if (!curve.isEmpty()) {
            int lastDay = curve.get(curve.size() - 1).day();
            if (lastDay > points.get(points.size() - 1)[0]) {
                points.add(new double[] {lastDay, previous});
            }
        }
        return points.toArray(double[][]::new);
    }

    /** A column chart of one rate per category, categories and values written at the placement's data cells. */
    static void rateBars(SheetLayout layout, Placement at, String title, String categoryTitle, String valueTitle,
                         String categoryHeader, List<String> categories, List<Double> rates) {
        layout.text(at.dataRow(), at.dataColumn(), "Chart data (" + title + ")", layout.styles.section);
        layout.text(at.dataRow() + 1, at.dataColumn(), categoryHeader, layout.styles.header);
        layout.text(at.dataRow() + 1, at.dataColumn() + 1, valueTitle, layout.styles.header);
        int first = at.dataRow() + 2;
        for (int i = 0; i < categories.size(); i++) {
            layout.input(first + i, at.dataColumn(), categories.get(i));
            layout.number(first + i, at.dataColumn() + 1, rates.get(i), layout.styles.percent);
        }
        int last = first + categories.size() - 1;

        XSSFChart chart = newChart(layout, at, title);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis groups = chart.createCategoryAxis(AxisPosition.BOTTOM);
        groups.setTitle(categoryTitle);
        XDDFValueAxis rate = chart.createValueAxis(AxisPosition.LEFT);
        rate.setTitle(valueTitle);
        rate.setMinimum(0);
        rate.setNumberFormat("0%");
        rate.setCrosses(AxisCrosses.AUTO_ZERO);
        rate.setCrossBetween(AxisCrossBetween.BETWEEN);
        rate.getOrAddMajorGridProperties().setLineProperties(solidLine(rgb(217, 217, 217), 0.75));

        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, groups, rate);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        XDDFBarChartData.Series series = (XDDFBarChartData.Series) data.addSeries(
                XDDFDataSourcesFactory.fromStringCellRange(layout.sheet, new CellRangeAddress(first, last, at.dataColumn(), at.dataColumn())),
                XDDFDataSourcesFactory.fromNumericCellRange(layout.sheet,
                        new CellRangeAddress(first, last, at.dataColumn() + 1, at.dataColumn() + 1)));
        series.setTitle(valueTitle, new CellReference(layout.sheet.getSheetName(), at.dataRow() + 1, at.dataColumn() + 1, true, true));
        XDDFShapeProperties shape = new XDDFShapeProperties();
        shape.setFillProperties(new XDDFSolidFillProperties(colour(0)));
        shape.setLineProperties(solidLine(colour(0), 0.75));
        series.setShapeProperties(shape);
        chart.plot(data);
    }

    private static XSSFChart newChart(SheetLayout layout, Placement at, String title) {
        XSSFDrawing drawing = layout.sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0,
                at.firstColumn(), at.firstRow(), at.lastColumn(), at.lastRow());
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.RIGHT);
        return chart;
    }

    private static XDDFLineProperties solidLine(XDDFColor colour, double width) {
        XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(colour));
        line.setWidth(width);
        return line;
    }
}
