package org.cdoutcomes.reporting;

import java.util.List;

import org.cdoutcomes.analytics.report.DosingRow;

/** Units per injection per product and muscle. */
final class DosingSheet {
    private static final int HEADER_ROW = 3;

    private DosingSheet() {
    }

    static void write(SheetLayout layout, List<DosingRow> rows) {
        layout.text(0, 0, "Dosing: units per injection", layout.styles.title);
        // two lines: one would run past the printed width
        layout.text(1, 0, "Per product and muscle over the period's cycles: the units one cycle gave the muscle, both sides "
                + "and every injection point together.", layout.styles.note);
        layout.text(2, 0, "Units are each product's own and cannot be compared across products.", layout.styles.note);
        layout.headers(HEADER_ROW, "Product", "Muscle", "Cycles", "Median (units)", "Q1: 25th percentile (units)",
                "Q3: 75th percentile (units)");
        layout.sheet.getRow(HEADER_ROW).setHeightInPoints(45);
        int row = HEADER_ROW + 1;
        for (DosingRow dosing : rows) {
            boolean suppressed = layout.smallCells.small(dosing.cycles());
            layout.input(row, 0, dosing.product());
            layout.input(row, 1, dosing.muscle());
            layout.count(row, 2, dosing.cycles());
            layout.figure(row, 3, dosing.median(), layout.styles.units, suppressed, null);
            layout.figure(row, 4, dosing.q1(), layout.styles.units, suppressed, null);
            layout.figure(row, 5, dosing.q3(), layout.styles.units, suppressed, null);
            row++;
        }
        if (rows.isEmpty()) {
            layout.text(row++, 0, "No injections in this period.", layout.styles.note);
        }
        layout.text(row + 1, 0, "The interquartile range runs from Q1 to Q3: the middle half of the doses.", layout.styles.note);
        layout.widths(24, 30, 10, 14, 16, 16);
        layout.printSetup(HEADER_ROW, 5, row + 1);
    }
}
