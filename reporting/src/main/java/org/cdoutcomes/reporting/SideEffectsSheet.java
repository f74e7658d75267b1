package org.cdoutcomes.reporting;

import java.util.ArrayList;
import java.util.List;

import org.cdoutcomes.analytics.cohort.SideEffectTally;
import org.cdoutcomes.analytics.result.SideEffectRow;

/** Side-effect rates per muscle group and term, and a bar chart of the {@code any} rate per muscle group. */
final class SideEffectsSheet {
    private static final int HEADER_ROW = 4;
    private static final int COLUMNS = 13;
    private static final int CHART_ROWS = 22;

    private SideEffectsSheet() {
    }

    /** @param cycles the period's cycles, counted or not (a recent cycle's window may not have passed) */
    static void write(SheetLayout layout, List<SideEffectRow> rows, long cycles, int aeWindowDays) {
        SmallCells small = layout.smallCells;
        layout.text(0, 0, "Side effects per muscle group", layout.styles.title);
        layout.text(1, 0, "A cycle counts when its side-effect window (" + aeWindowDays + " days after the injection) has passed; "
                + "it has a side effect when one is reported in that window.", layout.styles.note);
        layout.text(2, 0, "Exposed: cycles that injected the muscle group; unexposed: the other counted cycles. "
                + "Group 'any' is every counted cycle; term 'any' is any side effect.", layout.styles.note);
        layout.headers(HEADER_ROW, "Muscle group", "Side effect", "Exposed cycles", "Exposed with side effect",
                "Rate (%)", "Rate 95% CI lower (%)", "Rate 95% CI upper (%)", "Unexposed cycles",
                "Unexposed with side effect", "Relative risk (exposed / unexposed)", "RR 95% CI lower",
                "RR 95% CI upper", "Fisher exact p");
        layout.sheet.getRow(HEADER_ROW).setHeightInPoints(45);

        List<String> groups = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        int row = HEADER_ROW + 1;
        for (SideEffectRow effect : rows) {
            // a rate derives from a and n1; the relative risk and p from a, b, n1 and n0, where there is a comparison
            // (without unexposed cycles there is none: n/a, not suppressed)
            boolean rateSuppressed = small.anySmall(effect.exposedEvents(), effect.exposedCycles());
            boolean comparisonSuppressed = effect.relativeRisk() != null
                    && (rateSuppressed || small.anySmall(effect.unexposedEvents(), effect.unexposedCycles()));
            layout.input(row, 0, effect.muscleGroup());
            layout.input(row, 1, effect.term());
            layout.count(row, 2, effect.exposedCycles());
            layout.count(row, 3, effect.exposedEvents());
            layout.figure(row, 4, effect.rate(), layout.styles.percent, rateSuppressed, null);
            layout.figure(row, 5, effect.ciLower(), layout.styles.percent, rateSuppressed, null);
            layout.figure(row, 6, effect.ciUpper(), layout.styles.percent, rateSuppressed, null);
            if (effect.unexposedCycles() == null) {
                layout.text(row, 7, "n/a", layout.styles.marker);
                layout.text(row, 8, "n/a", layout.styles.marker);
            } else {
                layout.count(row, 7, effect.unexposedCycles());
                layout.count(row, 8, effect.unexposedEvents());
            }
            layout.figure(row, 9, effect.relativeRisk(), layout.styles.ratio, comparisonSuppressed, "n/a");
            layout.figure(row, 10, effect.rrCiLower(), layout.styles.ratio, comparisonSuppressed, "n/a");
            layout.figure(row, 11, effect.rrCiUpper(), layout.styles.ratio, comparisonSuppressed, "n/a");
            layout.figure(row, 12, effect.fisherP(), layout.styles.pValue, comparisonSuppressed, "n/a");
            if (effect.term().equals(SideEffectTally.ANY)) {
                if (rateSuppressed) {
                    leftOut.add(effect.muscleGroup());
                } else {
                    groups.add(effect.muscleGroup());
                    rates.add(effect.rate());
                }
            }
            row++;
        }
        if (rows.isEmpty()) {
            layout.text(row++, 0, cycles == 0 ? "No cycle in this period: no rates."
                    : "No cycle whose side-effect window has passed: no rates yet.", layout.styles.note);
        }
        row++;
        layout.text(row++, 0, "n/a: no unexposed cycles to compare with (every counted cycle is in the group).", layout.styles.note);
        layout.text(row++, 0, "Relative risk above 1: the side effect is more frequent in cycles that injected the group. "
                + "With a zero count, 0.5 is added to each cell (see Methods).", layout.styles.note);
        row++;
        if (!groups.isEmpty()) {
            layout.sheet.setRowBreak(row - 1); // the chart starts a printed page of its own
        }
        layout.text(row++, 0, leftOut.isEmpty()
                ? "Chart: rate of any side effect per muscle group."
                : "Chart: rate of any side effect per muscle group. Left out by small-cell suppression: "
                  + String.join(", ", leftOut) + ".", layout.styles.note);
        int lastRow = row - 1;
        if (!groups.isEmpty()) {
            Charts.Placement at = new Charts.Placement(row, 0, row + CHART_ROWS, 9, HEADER_ROW, COLUMNS + 2);
            Charts.rateBars(layout, at, "Rate of any side effect per muscle group", "Muscle group",
                    "Rate of any side effect", "Muscle group", groups, rates);
            lastRow = row + CHART_ROWS;
        } else {
            layout.text(row, 0, "No bar to draw.", layout.styles.note);
            lastRow = row;
        }
        layout.widths(22, 20, 10, 11, 9, 10, 10, 10, 11, 13, 10, 10, 10);
        layout.printSetup(HEADER_ROW, COLUMNS - 1, lastRow);
    }
}
