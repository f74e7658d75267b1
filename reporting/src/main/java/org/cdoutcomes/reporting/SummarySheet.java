package org.cdoutcomes.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.cdoutcomes.model.text.Counted;

/** The first sheet: who, when, the period's headline figures and the trend of the previous four quarters. */
final class SummarySheet {
    private static final int HEADER_ROW = 3;
    /**
     * Printed pages repeat the title down to the header row (report.md: the header row repeated). The sheet holds
     * several small tables under that header; the title says what a later page (the trend table) belongs to.
     */
    private static final int FIRST_REPEATED_ROW = 0;
    /** Characters across the columns A to E, which a note spans. */
    private static final int LABEL_CHARS = 34;
    private static final int COLUMN_CHARS = 18;
    /** Item, Value, Notes and two more columns of the trend table (E): the print area's width. */
    private static final int LAST_COLUMN = 4;
    private static final int NOTE_WIDTH = LABEL_CHARS + LAST_COLUMN * COLUMN_CHARS;

    private SummarySheet() {
    }

    /**
     * {@code anyCountedCycle}: whether a cycle of the period counts in side-effect rates (its window has passed by the
     * cutoff), so that a period without one does not read as free of side effects.
     */
    static void write(SheetLayout layout, ReportContext context, QuarterFigures current, List<QuarterFigures> trend,
                      int aeWindowDays, boolean anyCountedCycle) {
        SmallCells small = layout.smallCells;
        layout.text(0, 0, "CD Outcomes: quarterly report " + context.periodLabel(), layout.styles.title);
        layout.text(1, 0, "Botulinum toxin treatment of cervical dystonia: onset and duration of relief, side effects "
                + "and dosing of the clinic's injection cycles.", layout.styles.note);
        layout.headers(HEADER_ROW, "Item", "Value", "Notes");

        int row = HEADER_ROW + 1;
        layout.text(row, 0, "Clinic", layout.styles.label);
        // a long name or many sites would run past the print area's right edge, cut off on paper
        layout.wrapAcross(layout.input(row++, 1, context.clinicName()), LAST_COLUMN, LAST_COLUMN * COLUMN_CHARS);
        layout.text(row, 0, "Sites", layout.styles.label);
        if (context.sites().isEmpty()) {
            layout.text(row, 1, "all sites");
            // site ids are data: written as input text
            XSSFCell sites = layout.input(row++, 2, current.sites().isEmpty() ? "no cycle in the period"
                    : "with cycles in the period: " + String.join(", ", current.sites()));
            sites.setCellStyle(layout.styles.indentedNote);
            layout.wrapAcross(sites, LAST_COLUMN, (LAST_COLUMN - 1) * COLUMN_CHARS);
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
        layout.text(row++, 2, "records dated later are ignored", layout.styles.indentedNote);
        layout.text(row, 0, "Run time", layout.styles.label);
        layout.dateTime(row++, 1, context.runTime(), layout.styles.dateTime);
        layout.text(row, 0, "Small-cell suppression", layout.styles.label);
        layout.text(row++, 1, small.on() ? "counts " + small.range() + " shown as " + small.mark()
                : small.mediansOnly() ? "no count hidden; a median over no event suppressed" : "off");
        // what cdo also printed, for the reader of a report the scheduler wrote: an empty period says why it is empty
        for (String note : context.notes()) {
            layout.text(row, 0, note, layout.styles.notice);
            layout.sheet.addMergedRegion(new CellRangeAddress(row, row, 0, 4));
            layout.wrapHeight(row++, note, NOTE_WIDTH);
        }

        row++;
        layout.text(row++, 0, "This period", layout.styles.section);
        row = count(layout, row, "Patients treated", current.patientsTreated(), "patients with an injection in the period");
        row = count(layout, row, "New patients", current.newPatients(), "first injection ever (at any site) in the period");
        row = count(layout, row, "Injection cycles", current.cycles(), "injection sessions in the period");
        row = count(layout, row, "Closed cycles", current.closedCycles(), "cycles already followed by the next injection");
        layout.text(row, 0, "Median days between injections", layout.styles.label);
        layout.figure(row, 1, current.medianDaysBetweenInjections(), layout.styles.days,
                small.small(current.closedCycles()), "n/a");
        layout.text(row++, 2, "days, over the closed cycles", layout.styles.indentedNote);
        layout.text(row, 0, "Median time to onset", layout.styles.label);
        headlineMedian(layout, row, 1, current.onsetMedian(), current.cycles(), current.onsetEvents());
        layout.text(row++, 2, "days from injection to relief (Kaplan-Meier, all cycles)", layout.styles.indentedNote);
        layout.text(row, 0, "Median duration of relief", layout.styles.label);
        headlineMedian(layout, row, 1, current.durationMedian(), current.onsetEvents(), current.durationEvents());
        layout.text(row++, 2, "days from relief to wearing off (Kaplan-Meier, all cycles)", layout.styles.indentedNote);

        row++;
        layout.text(row++, 0, "Injection cycles per product", layout.styles.section);
        layout.text(row, 0, "Product", layout.styles.header);
        layout.text(row++, 1, "Cycles", layout.styles.header);
        for (ProductCount product : current.cyclesPerProduct()) {
            layout.input(row, 0, product.product());
            layout.count(row++, 1, product.cycles());
        }

        row++;
        layout.text(row++, 0, "Most frequent side effects (window of " + Counted.of(aeWindowDays, "day") + " after injection)", layout.styles.section);
        layout.text(row, 0, "Side effect", layout.styles.header);
        layout.text(row, 1, "Cycles with it", layout.styles.header);
        layout.text(row, 2, "Cycles counted", layout.styles.header);
        layout.text(row++, 3, "Rate (%)", layout.styles.header);
        List<TermCount> ranked = current.topSideEffects();
        List<TermCount> top = ranked.subList(0, Math.min(QuarterFigures.TOP_SIDE_EFFECTS, ranked.size()));
        for (TermCount term : top) {
            layout.input(row, 0, term.term());
            layout.count(row, 1, term.cyclesWithEvent());
            layout.count(row, 2, term.countedCycles());
            layout.figure(row++, 3, rate(term), layout.styles.percent,
                    small.anySmall(term.cyclesWithEvent(), term.countedCycles()), "n/a");
        }
        // three rows, as report.md asks; a tie cut by name order is said, not hidden
        String tie = tieNote("As", current);
        if (tie != null) {
            layout.text(row++, 0, tie, layout.styles.note);
        }
        if (top.isEmpty()) {
            layout.text(row++, 0, anyCountedCycle ? "No side effect reported in the counted cycles (a cycle counts once its "
                    + "window of " + Counted.of(aeWindowDays, "day") + " has passed by the data cutoff)."
                    : current.cycles() == 0 ? "No cycle in this period: no side effects to count."
                    : "No cycle whose side-effect window of " + Counted.of(aeWindowDays, "day") + " has passed by the data cutoff: no rates "
                    + "yet.", layout.styles.note);
        }

        row++;
        // the trend table starts a printed page of its own, under the repeated title
        layout.sheet.setRowBreak(row - 1);
        layout.text(row++, 0, "Trend: the previous four quarters, with the same data cutoff (late data revise them)",
                layout.styles.section);
        int lastRow = trend(layout, row, trend);

        layout.widths(LABEL_CHARS, COLUMN_CHARS, COLUMN_CHARS, COLUMN_CHARS, COLUMN_CHARS);
        layout.printSetup(FIRST_REPEATED_ROW, HEADER_ROW, LAST_COLUMN, lastRow);
    }

    private static int count(SheetLayout layout, int row, String label, int value, String note) {
        layout.text(row, 0, label, layout.styles.label);
        layout.count(row, 1, value);
        layout.text(row, 2, note, layout.styles.indentedNote);
        return row + 1;
    }

    /**
     * A headline Kaplan-Meier median over {@code cycles} cycles: "n/a" without cycles, "not reached" when the curve
     * never falls to one half, suppressed when its events are fewer than the threshold.
     */
    private static void headlineMedian(SheetLayout layout, int row, int column, Double median, int cycles, int events) {
        layout.figure(row, column, median, layout.styles.days, cycles > 0 && layout.smallCells.medianHidden(cycles, events),
                cycles == 0 ? "n/a" : "not reached");
    }

    private static Double rate(TermCount term) {
        return term.countedCycles() == 0 ? null : (double) term.cyclesWithEvent() / term.countedCycles();
    }

    /**
     * Writes the trend table from {@code row}, one column per quarter (oldest first) so it stays narrow enough to
     * print; returns its last row.
     */
    private static int trend(SheetLayout layout, int row, List<QuarterFigures> quarters) {
        SmallCells small = layout.smallCells;
        if (quarters.isEmpty()) {
            layout.text(row, 0, "No earlier quarter.", layout.styles.note);
            return row;
        }
        // by id, as the period's own table lists them (a product missing from the oldest quarter came last)
        Set<String> products = new TreeSet<>();
        quarters.forEach(q -> q.cyclesPerProduct().forEach(p -> products.add(p.product())));
        layout.text(row, 0, "Quarter", layout.styles.header);
        for (int q = 0; q < quarters.size(); q++) {
            QuarterFigures quarter = quarters.get(q);
            int column = q + 1;
            int r = row;
            layout.text(r++, column, quarter.label(), layout.styles.header);
            layout.date(r++, column, quarter.from());
            layout.date(r++, column, quarter.to());
            layout.count(r++, column, quarter.patientsTreated());
            layout.count(r++, column, quarter.newPatients());
            layout.count(r++, column, quarter.cycles());
            for (String product : products) {
                int cycles = quarter.cyclesPerProduct().stream().filter(p -> p.product().equals(product))
                        .mapToInt(ProductCount::cycles).sum();
                layout.count(r++, column, cycles);
            }
            layout.count(r++, column, quarter.closedCycles());
            layout.figure(r++, column, quarter.medianDaysBetweenInjections(), layout.styles.days,
                    small.small(quarter.closedCycles()), "n/a");
            headlineMedian(layout, r++, column, quarter.onsetMedian(), quarter.cycles(), quarter.onsetEvents());
            headlineMedian(layout, r++, column, quarter.durationMedian(), quarter.onsetEvents(), quarter.durationEvents());
            // the same three most frequent side effects as this period's, each with its rate
            for (int i = 0; i < QuarterFigures.TOP_SIDE_EFFECTS; i++, r += 2) {
                if (i < quarter.topSideEffects().size()) {
                    TermCount term = quarter.topSideEffects().get(i);
                    layout.input(r, column, term.term()).setCellStyle(layout.styles.marker);
                    layout.figure(r + 1, column, rate(term), layout.styles.percent,
                            small.anySmall(term.cyclesWithEvent(), term.countedCycles()), "n/a");
                } else {
                    layout.text(r, column, "none", layout.styles.marker);
                }
            }
        }
        List<String> labels = new ArrayList<>(List.of("From", "To", "Patients treated", "New patients", "Injection cycles"));
        products.forEach(p -> labels.add("Cycles: " + p));
        labels.addAll(List.of("Closed cycles", "Median days between injections", "Median time to onset (days)",
                "Median duration of relief (days)", "Most frequent side effect", "Its rate (%)", "Second most frequent",
                "Its rate (%)", "Third most frequent", "Its rate (%)"));
        for (String label : labels) {
            // product ids come from the vocabulary, but are data: written as input text all the same
            layout.input(++row, 0, label).setCellStyle(layout.styles.label);
        }
        for (QuarterFigures quarter : quarters) {
            String tie = tieNote(quarter.label() + ": as", quarter);
            if (tie != null) {
                layout.text(++row, 0, tie, layout.styles.note);
            }
        }
        return row;
    }

    /** The note naming the side effects as frequent as the quarter's third, which its three rows leave out; else null. */
    private static String tieNote(String start, QuarterFigures quarter) {
        List<TermCount> ranked = quarter.topSideEffects();
        if (ranked.size() <= QuarterFigures.TOP_SIDE_EFFECTS) {
            return null;
        }
        return start + " frequent as the third, listed by name after it: " + ranked.subList(QuarterFigures.TOP_SIDE_EFFECTS,
                ranked.size()).stream().map(TermCount::term).collect(Collectors.joining(", ")) + ".";
    }
}
