package org.cdoutcomes.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.cdoutcomes.analytics.report.ReliefShare;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;

/** The Onset and Duration sheets: one Kaplan-Meier table per metric and its curves by product. */
final class SurvivalSheet {
    private static final int HEADER_ROW = 4;
    private static final int CHART_ROWS = 24;
    private static final int CHART_COLUMNS = 10;
    /** The shares still in relief 8, 12 and 16 weeks after onset, in their columns' order. */
    private static final List<Function<ReliefShare, Double>> SHARE_WEEKS = List.of(ReliefShare::week8, ReliefShare::week12,
            ReliefShare::week16);

    /** The wording that differs between the two metrics. */
    record Metric(String title, List<String> explanation, String eventsHeader, String chartTitle, String chartAxis) {
    }

    private SurvivalSheet() {
    }

    /**
     * {@code shares} is null for onset: only duration has the share still in relief at 8, 12 and 16 weeks.
     * {@code absence}, when not null, says which strata of the period the metric has none of, and why.
     */
    static void write(SheetLayout layout, Metric metric, List<KaplanMeierSummary> strata, List<ReliefShare> shares,
                      Optional<LogRankComparison> comparison, String absence) {
        SmallCells small = layout.smallCells;
        layout.text(0, 0, metric.title(), layout.styles.title);
        for (int i = 0; i < metric.explanation().size(); i++) {
            layout.text(1 + i, 0, metric.explanation().get(i), layout.styles.note);
        }
        List<String> headers = new ArrayList<>(List.of("Stratum", "Group", "Cycles", metric.eventsHeader(), "Censored",
                "Median (days)", "Median 95% CI lower (days)", "Median 95% CI upper (days)",
                "Q1: 25% reached (days)", "Q3: 75% reached (days)"));
        if (shares != null) {
            headers.addAll(List.of("Still in relief at 8 weeks (%)", "Still in relief at 12 weeks (%)",
                    "Still in relief at 16 weeks (%)"));
        }
        layout.headers(HEADER_ROW, headers.toArray(String[]::new));
        layout.sheet.getRow(HEADER_ROW).setHeightInPoints(45);

        int row = HEADER_ROW + 1;
        for (KaplanMeierSummary stratum : strata) {
            boolean suppressed = small.medianHidden(stratum.n(), stratum.events());
            boolean curveSuppressed = small.anySmall(stratum.n(), stratum.events());
            layout.text(row, 0, stratumLabel(stratum.by()));
            layout.input(row, 1, stratum.value());
            layout.count(row, 2, stratum.n());
            layout.count(row, 3, stratum.events());
            layout.count(row, 4, stratum.censored());
            layout.figure(row, 5, stratum.median(), layout.styles.days, suppressed, "not reached");
            layout.figure(row, 6, stratum.medianCiLower(), layout.styles.days, suppressed, "not reached");
            layout.figure(row, 7, stratum.medianCiUpper(), layout.styles.days, suppressed, "not reached");
            layout.figure(row, 8, stratum.q1(), layout.styles.days, suppressed, "not reached");
            layout.figure(row, 9, stratum.q3(), layout.styles.days, suppressed, "not reached");
            if (shares != null) {
                Optional<ReliefShare> share = shares.stream()
                        .filter(s -> s.by().equals(stratum.by()) && s.value().equals(stratum.value())).findFirst();
                for (int week = 0; week < SHARE_WEEKS.size(); week++) {
                    // empty beyond the stratum's last time (report.md), suppressed or not: there is no estimate to hide
                    Double value = share.map(SHARE_WEEKS.get(week)).orElse(null);
                    layout.figure(row, 10 + week, value, layout.styles.percent, curveSuppressed && value != null, null);
                }
            }
            row++;
        }
        if (absence != null) {
            layout.text(row++, 0, absence, layout.styles.note);
        } else if (strata.isEmpty()) {
            layout.text(row++, 0, "No cycles in this period.", layout.styles.note);
        }

        List<KaplanMeierSummary> products = strata.stream().filter(s -> s.by().equals("product")).toList();
        row++;
        if (comparison.isPresent()) {
            LogRankComparison test = comparison.get();
            boolean suppressed = products.stream().anyMatch(p -> small.anySmall(p.n(), p.events()));
            layout.text(row, 0, "Log-rank test across products", layout.styles.label);
            layout.text(row, 2, "chi-square", layout.styles.marker);
            layout.figure(row, 3, test.chiSquare(), layout.styles.ratio, suppressed, "n/a");
            layout.text(row, 4, "df", layout.styles.marker);
            // df counts products, not patients or events: nothing small to hide
            layout.figure(row, 5, test.df() == null ? null : test.df().doubleValue(), layout.styles.count, false, "n/a");
            layout.text(row, 6, "p", layout.styles.marker);
            layout.figure(row, 7, test.pValue(), layout.styles.pValue, suppressed, "n/a");
            row++;
            layout.text(row++, 0, "A small p (below 0.05) suggests the products differ; cycles of one patient are not "
                    + "independent, so read it with care (see Methods).", layout.styles.note);
        }

        row++;
        List<KaplanMeierSummary> shown = products.stream().filter(p -> !small.anySmall(p.n(), p.events())).toList();
        List<String> left = products.stream().filter(p -> small.anySmall(p.n(), p.events())).map(KaplanMeierSummary::value).toList();
        // The chart starts a printed page of its own: cut by a page break, a curve is unreadable. Without a curve its
        // note stays under the table, rather than on a page of its own.
        if (!shown.isEmpty()) {
            layout.sheet.setRowBreak(row - 1);
        }
        layout.text(row++, 0, left.isEmpty()
                ? "Chart: Kaplan-Meier curves by product (step lines)."
                : "Chart: Kaplan-Meier curves by product. Left out by small-cell suppression (" + small.range()
                  + " cycles or events): " + String.join(", ", left) + ".", layout.styles.note);
        int lastColumn = headers.size() - 1;
        int lastRow = row - 1;
        if (!shown.isEmpty()) {
            Charts.Placement at = new Charts.Placement(row, 0, row + CHART_ROWS, CHART_COLUMNS,
                    HEADER_ROW, headers.size() + 2);
            Charts.survivalSteps(layout, at, metric.chartTitle(), "Days", metric.chartAxis(), shown);
            lastRow = row + CHART_ROWS;
        } else {
            layout.text(row, 0, "No product curve to draw.", layout.styles.note);
            lastRow = row; // printed too: else the page shows the chart's heading over nothing
        }

        layout.widths(16, 24, 9, 11, 10, 10, 13, 13, 12, 12, 12, 12, 12);
        layout.printSetup(HEADER_ROW, lastColumn, lastRow);
    }

    static String stratumLabel(String by) {
        return switch (by) {
            case "all" -> "All cycles";
            case "product" -> "Product";
            case "muscle_group" -> "Muscle group";
            default -> by;
        };
    }
}
