package org.cdoutcomes.reporting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;

/** The first sheet: who, when, the period's headline figures and the trend of the previous four quarters. */
final class SummarySheet {
    private static final int HEADER_ROW = 3;

    private SummarySheet() {
    }

    static void write(SheetLayout layout, ReportContext context, QuarterFigures current, List<QuarterFigures> trend,
                      int aeWindowDays) {
        SmallCells small = layout.smallCells;
        layout.text(0, 0, "CD Outcomes: quarterly report " + context.periodLabel(), layout.styles.title);
        layout.text(1, 0, "Botulinum toxin treatment of cervical dystonia: onset and duration of relief, side effects "
                + "and dosing of the clinic's injection cycles.", layout.styles.note);
        layout.headers(HEADER_ROW, "Item", "Value", "Notes");

        int row = HEADER_ROW + 1;
        layout.text(row, 0, "Clinic", layout.styles.label);
        layout.input(row++, 1, context.clinicName());
        layout.text(row, 0, "Sites", layout.styles.label);
        if (context.sites().isEmpty()) {
            layout.text(row++, 1, "all sites");
        }
        for (String site : context.sites()) {
            layout.input(row++, 1, site);
        }
        layout.text(row, 0, "Period", layout.styles.label);
        layout.text(row++, 1, context.periodLabel());
        layout.text(row, 0, "Period from", layout.styles.label);
        layout.date(row++, 1, context.periodFrom());
        layout.text(row, 0, "Period to", layout.styles.label);
        layout.date(row++, 1, context.periodTo());
        layout.text(row, 0, "Data cutoff", layout.styles.label);
        layout.date(row, 1, context.dataCutoff());
        layout.text(row++, 2, "records dated later are ignored", layout.styles.note);
        layout.text(row, 0, "Run time", layout.styles.label);
        layout.dateTime(row++, 1, context.runTime());
        layout.text(row, 0, "Small-cell suppression", layout.styles.label);
        layout.text(row++, 1, small.on() ? "counts 1 to " + (small.threshold() - 1) + " shown as " + small.mark() : "off");

        row++;
        layout.text(row++, 0, "This period", layout.styles.section);
        row = count(layout, row, "Patients treated", current.patientsTreated(), "patients with an injection in the period");
        row = count(layout, row, "New patients", current.newPatients(), "first injection ever in the period");
        row = count(layout, row, "Injection cycles", current.cycles(), "injection sessions in the period");
        row = count(layout, row, "Closed cycles", current.closedCycles(), "cycles already followed by the next injection");
        layout.text(row, 0, "Median days between injections", layout.styles.label);
        layout.figure(row, 1, current.medianDaysBetweenInjections(), layout.styles.days,
                small.small(current.closedCycles()), "n/a");
        layout.text(row++, 2, "days, over the closed cycles", layout.styles.note);
        layout.text(row, 0, "Median time to onset", layout.styles.label);
        layout.figure(row, 1, current.onsetMedian(), layout.styles.days, small.small(current.onsetEvents()), "not reached");
        layout.text(row++, 2, "days from injection to relief (Kaplan-Meier, all cycles)", layout.styles.note);
        layout.text(row, 0, "Median duration of relief", layout.styles.label);
        layout.figure(row, 1, current.durationMedian(), layout.styles.days, small.small(current.durationEvents()), "not reached");
        layout.text(row++, 2, "days from relief to wearing off (Kaplan-Meier, all cycles)", layout.styles.note);

        row++;
        layout.text(row++, 0, "Injection cycles per product", layout.styles.section);
        layout.text(row, 0, "Product", layout.styles.header);
        layout.text(row++, 1, "Cycles", layout.styles.header);
        for (ProductCount product : current.cyclesPerProduct()) {
            layout.input(row, 0, product.product());
            layout.count(row++, 1, product.cycles());
        }

        row++;
        layout.text(row++, 0, "Most frequent side effects (window of " + aeWindowDays + " days after injection)", layout.styles.section);
        layout.text(row, 0, "Side effect", layout.styles.header);
        layout.text(row, 1, "Cycles with it", layout.styles.header);
        layout.text(row, 2, "Cycles counted", layout.styles.header);
        layout.text(row++, 3, "Rate (%)", layout.styles.header);
        List<TermCount> top = current.topSideEffects().subList(0, Math.min(3, current.topSideEffects().size()));
        for (TermCount term : top) {
            layout.input(row, 0, term.term());
            layout.count(row, 1, term.cyclesWithEvent());
            layout.count(row, 2, term.countedCycles());
            layout.figure(row++, 3, rate(term), layout.styles.percent,
                    small.anySmall(term.cyclesWithEvent(), term.countedCycles()), "n/a");
        }
        if (top.isEmpty()) {
            layout.text(row++, 0, "No side effect reported.", layout.styles.note);
        }

        row++;
        layout.text(row++, 0, "Trend: the previous four quarters, with the same data cutoff (late data revise them)",
                layout.styles.section);
        int lastColumn = trend(layout, row, trend);
        int lastRow = row + Math.max(1, trend.size());

        layout.widths(34, 16, 14, 12, 12, 12, 14, 14, 14, 14, 14, 14, 14, 14, 14);
        layout.printSetup(HEADER_ROW, Math.max(lastColumn, 3), lastRow);
    }

    private static int count(SheetLayout layout, int row, String label, int value, String note) {
        layout.text(row, 0, label, layout.styles.label);
        layout.count(row, 1, value);
        layout.text(row, 2, note, layout.styles.note);
        return row + 1;
    }

    private static Double rate(TermCount term) {
        return term.countedCycles() == 0 ? null : (double) term.cyclesWithEvent() / term.countedCycles();
    }

    /** Writes the trend table from {@code row}; returns its last column. */
    private static int trend(SheetLayout layout, int row, List<QuarterFigures> quarters) {
        SmallCells small = layout.smallCells;
        Set<String> products = new LinkedHashSet<>();
        quarters.forEach(q -> q.cyclesPerProduct().forEach(p -> products.add(p.product())));
        List<String> headers = new ArrayList<>(List.of("Quarter", "From", "To", "Patients treated", "New patients",
                "Injection cycles"));
        products.forEach(p -> headers.add("Cycles: " + p));
        headers.addAll(List.of("Median days between injections", "Median onset (days)", "Median duration (days)",
                "Most frequent side effect", "Its rate (%)"));
        for (int i = 0; i < headers.size(); i++) {
            // product ids come from the vocabulary, but write them as input text all the same
            layout.input(row, i, headers.get(i)).setCellStyle(layout.styles.header);
        }
        layout.sheet.getRow(row).setHeightInPoints(45);
        row++;
        for (QuarterFigures quarter : quarters) {
            int column = 0;
            layout.text(row, column++, quarter.label());
            layout.date(row, column++, quarter.from());
            layout.date(row, column++, quarter.to());
            layout.count(row, column++, quarter.patientsTreated());
            layout.count(row, column++, quarter.newPatients());
            layout.count(row, column++, quarter.cycles());
            for (String product : products) {
                int cycles = quarter.cyclesPerProduct().stream().filter(p -> p.product().equals(product))
                        .mapToInt(ProductCount::cycles).sum();
                layout.count(row, column++, cycles);
            }
            layout.figure(row, column++, quarter.medianDaysBetweenInjections(), layout.styles.days,
                    small.small(quarter.closedCycles()), "n/a");
            layout.figure(row, column++, quarter.onsetMedian(), layout.styles.days, small.small(quarter.onsetEvents()), "not reached");
            layout.figure(row, column++, quarter.durationMedian(), layout.styles.days, small.small(quarter.durationEvents()), "not reached");
            if (quarter.topSideEffects().isEmpty()) {
                layout.text(row, column, "none", layout.styles.marker);
            } else {
                TermCount term = quarter.topSideEffects().get(0);
                layout.input(row, column, term.term());
                layout.figure(row, column + 1, rate(term), layout.styles.percent,
                        small.anySmall(term.cyclesWithEvent(), term.countedCycles()), "n/a");
            }
            row++;
        }
        if (quarters.isEmpty()) {
            layout.text(row, 0, "No earlier quarter.", layout.styles.note);
        }
        return headers.size() - 1;
    }
}
