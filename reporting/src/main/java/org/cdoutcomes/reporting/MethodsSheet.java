package org.cdoutcomes.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cdoutcomes.model.text.Counted;
import org.cdoutcomes.model.vocabulary.Product;

/** How every number was made (analytics.md in plain words), the configuration used and the software version. */
final class MethodsSheet {
    private static final int HEADER_ROW = 3;
    private static final int EXPLANATION_CHARS = 110;
    /** "onabotulinumtoxinA (Botox, onaBoNT-A), ...": the generic ids the sheets show, with the names clinics use. */
    private static final String PRODUCT_BRANDS = Arrays.stream(Product.values())
            .map(p -> p.id() + " (" + String.join(", ", p.code().aliases()) + ")").collect(Collectors.joining(", "));

    private MethodsSheet() {
    }

    private record Entry(String topic, String explanation) {
    }

    static void write(SheetLayout layout, ReportContext context) {
        SmallCells small = layout.smallCells;
        layout.text(0, 0, "Methods: how the numbers were made", layout.styles.title);
        layout.text(1, 0, "All times are whole days. Every interval is a 95% confidence interval.", layout.styles.note);
        layout.headers(HEADER_ROW, "Topic", "Explanation");
        int row = HEADER_ROW + 1;

        row = section(layout, row, "Definitions", List.of(
                new Entry("Data cutoff", "The date up to which records are used (" + context.dataCutoff() + "). Anything dated "
                        + "later is ignored, visits included. When no cutoff is given it is the latest date stored."),
                new Entry("Period", "The report covers the treatment cycles whose injection date lies from " + context.periodFrom()
                        + " to " + context.periodTo() + " (" + context.periodLabel() + "). The previous four quarters in the "
                        + "trend table use the same data cutoff, so they change when late data arrive."),
                new Entry("Codes and ids", "Codes (products, muscles, sides, kinds of record, terms) are matched whatever "
                        + "their case and surrounding spaces, with each run of spaces, hyphens and underscores read as one "
                        + "space, and through the aliases of the input formats (Botox, SCM). Ids of patients, visits, records "
                        + "and sites are matched exactly, case included, once surrounding spaces are trimmed."),
                new Entry("Products", "Products are named by their generic ids, as in the analysis JSON: "
                        + PRODUCT_BRANDS + ". Units are each product's own and are never added across products."),
                new Entry("Site", "A cycle's site is the site of the first visit of its session, else the patient's site, else "
                        + "'main'. When sites are chosen, only cycles injected there are counted; a patient is new when the "
                        + "first injection ever, at whichever site, lies in the period."),
                new Entry("Treatment cycle", "Each injection visit starts a treatment cycle. A patient's visits are taken in "
                        + "date order (then by visit id); visits of one patient on the same day are one session, so one cycle "
                        + "with all their muscles and the product and site of the first. A cycle runs until the patient's "
                        + "next injection."),
                new Entry("Closed and open cycles", "A cycle is closed when the next injection has happened by the cutoff. "
                        + "The patient's last cycle is open. If it started at most " + Counted.of(context.followUpDays(), "day") + " before "
                        + "the cutoff the patient is still followed up to the cutoff; if it is older, the patient counts as lost "
                        + "to follow-up and the cycle ends at the patient's last visit or symptom record."),
                new Entry("Records in a cycle", "A symptom record belongs to the cycle its date falls in, whatever visit it "
                        + "names. A report of relief wearing off dated on the day of the next injection still belongs to "
                        + "the cycle that ends that day. Records dated before a patient's first injection belong to no "
                        + "cycle (scores there serve as baselines)."),
                new Entry("Time to onset", "Days from the injection to the first report of relief in the cycle (0 when relief "
                        + "is reported the same day). A cycle without relief so far is 'censored': it counts as without "
                        + "relief up to the end of its follow-up and says nothing after."),
                new Entry("Duration of relief", "For cycles with relief: days from the onset to the first report of relief "
                        + "wearing off on or after it. A cycle whose relief has not worn off is censored at the end of its "
                        + "follow-up. Reports of wearing off without relief before them are ignored and counted on the "
                        + "Data quality sheet."),
                new Entry("Kaplan-Meier estimate", "The share of cycles still waiting for the event (onset, or wearing off) "
                        + "after each day, using censored cycles for as long as they were followed: a cycle censored on a day "
                        + "still counts as waiting on that day. Its pointwise 95% interval uses Greenwood's variance on the "
                        + "log-log scale (as R's survival package and SAS); where the share is still 100% the interval is "
                        + "100% to 100%, and where it has fallen to 0 there is none. The charts draw the share as steps."),
                new Entry("Median, Q1 and Q3", "The median is the day by which half of the cycles had the event (the first "
                        + "day the Kaplan-Meier share falls below 50%); Q1 and Q3 where it falls below 75% and 25%. When the "
                        + "share falls to exactly 50% on a day, the median is halfway between that day and the next day with "
                        + "an event (or the stratum's last day, when none follows), as R's survival package computes it: "
                        + "so a median can fall between two days (5.5). 'Not reached': the share never fell that far. The "
                        + "median's confidence interval applies the same rule to the lower and upper curves of the interval."),
                new Entry("Share still in relief", "On the Duration sheet: the Kaplan-Meier share of cycles still in relief "
                        + "8, 12 and 16 weeks (56, 84, 112 days) after onset. Empty when the stratum was not followed that long."),
                new Entry("Strata", "Every table has a row for all cycles, each muscle group (a cycle counts in every group it "
                        + "injected) and each product; a group or product without cycles has no row."),
                new Entry("Log-rank test", "Tests whether the curves of the products differ (R survdiff), when two or more "
                        + "products have cycles. As in R, a product that could not have had an event is left out of the "
                        + "test; 'n/a' when fewer than two remain or the test cannot be computed. A small p (below 0.05) "
                        + "suggests a real difference." + (small.on() ? " Its chi-square and p are 'suppressed' when a "
                        + "product's cycles or events are a small count (its chart curve is left out too)." : "")),
                new Entry("Side-effect risk window", "Side effects count when reported from the injection day to "
                        + Counted.of(context.aeWindowDays(), "day") + " after it, and before the next injection. Only cycles whose window "
                        + "has passed by the cutoff are counted: a recent injection cannot show its side effects yet."),
                new Entry("Side-effect rate", "Counted cycles with the side effect, divided by the counted cycles, with the "
                        + "Wilson score interval (from exactly 0% when no cycle had it, to exactly 100% when every one did). "
                        + "Exposed cycles injected the muscle group; unexposed cycles did not. Term 'any' means any side "
                        + "effect; group 'any' means all counted cycles. A group has rows when some counted cycle injected "
                        + "it, one per side effect reported in some counted cycle's window, plus 'any'."),
                new Entry("Relative risk", "The rate in exposed cycles divided by the rate in unexposed cycles, with the log "
                        + "(Katz) interval. When a count of cycles with the side effect is 0, 0.5 is added to each of those "
                        + "counts and 1 to each number of cycles. 'n/a' when there are no unexposed cycles."),
                new Entry("Fisher exact p", "Two-sided Fisher exact test of exposed against unexposed cycles (as R's fisher.test). "
                        + "Many side effects and groups are tested, so some small p-values arise by chance."),
                new Entry("Dosing", "Units per injection of each product in each muscle over the period's cycles, one value per "
                        + "cycle: all the units that cycle gave the muscle, both sides and every injection point together (a "
                        + "bilateral row already holds both sides; a left and a right row are added together). The median "
                        + "and the quartiles Q1 and Q3, as R's quantile() computes them by default (type 7: for n values in "
                        + "order, the p-quantile lies at position 1 + (n - 1) p, between the two values around it in proportion). "
                        + "Units are the product's own and cannot be compared across products."),
                new Entry("Median days between injections", "Over the period's closed cycles, the median number of days from "
                        + "one injection to the next."),
                new Entry("Data-quality notes", "VISIT_ID_MISMATCH, WEAR_OFF_WITHOUT_ONSET and RECORDS_WITHOUT_CYCLE count "
                        + "records over all data up to the cutoff, whatever period or site the report covers: a record in a "
                        + "cycle whose visit id names none of its session's visits (another session's, or no stored visit); a report of relief wearing off in a cycle without "
                        + "relief, or dated before its relief began (it is ignored); a report of relief or of a side effect "
                        + "dated before the patient's first injection, or of a patient without injections.")));

        row = section(layout, row, "Reading with care", List.of(
                new Entry("Cycles are not independent", "The cycles of one patient are not independent: a patient who "
                        + "responds well tends to respond well again, so intervals and p-values look more certain than they "
                        + "are. The analysis can be run with --first-cycle-only to keep one cycle per patient (this report: "
                        + (context.firstCycleOnly() ? "one cycle per patient" : "all cycles") + ")."),
                new Entry("Small-cell suppression", small.on()
                        ? "To protect patients' privacy, a count of " + small.range() + " is shown as '"
                          + small.mark() + "', and every figure made from such a count (a rate, an interval, a relative "
                          + "risk, a p-value, a share still in relief) is shown as 'suppressed'; so is a Kaplan-Meier "
                          + "median, with its interval and quartiles, when fewer than " + small.threshold() + " events lie "
                          + "behind it, none included. Counts of 0 are shown. Charts leave suppressed curves and bars out "
                          + "and say so. Each cell is judged on its own: a hidden count can sometimes be worked out "
                          + "from the totals shown beside it (the rows of the group 'any', the unexposed cycles, a "
                          + "stratum's cycles less its events), so share the workbook as an aggregate report for the "
                          + "clinic, not as anonymised open data. The analysis file for researchers is not suppressed."
                        : small.mediansOnly()
                        ? "A threshold of 1 for this report: every count is shown, however small; only a Kaplan-Meier "
                          + "median with no event behind it (with its interval and quartiles) is shown as 'suppressed'."
                        : "Off for this report (threshold 0): every count and median is shown, however small."),
                new Entry("No patient identifiers", "The report contains no patient identifier; it shows counts and "
                        + "summaries only.")));

        row = configuration(layout, row, context);
        layout.widths(34, EXPLANATION_CHARS);
        layout.printSetup(HEADER_ROW, 1, row - 1);
    }

    private static int section(SheetLayout layout, int row, String title, List<Entry> entries) {
        layout.text(row++, 0, title, layout.styles.section);
        for (Entry entry : entries) {
            layout.text(row, 0, entry.topic(), layout.styles.label);
            layout.text(row, 1, entry.explanation(), layout.styles.wrapped);
            layout.wrapHeight(row, entry.explanation(), EXPLANATION_CHARS);
            row++;
        }
        return row + 1;
    }

    private static int configuration(SheetLayout layout, int row, ReportContext context) {
        layout.text(row++, 0, "Configuration used", layout.styles.section);
        row = setting(layout, row, "Clinic", null);
        layout.wrapAcross(layout.input(row - 1, 1, context.clinicName()), 1, EXPLANATION_CHARS);
        if (context.sites().isEmpty()) {
            row = setting(layout, row, "Sites", "all sites");
        } else {
            for (String site : context.sites()) {
                row = setting(layout, row, "Site", null);
                layout.input(row - 1, 1, site);
            }
        }
        row = setting(layout, row, "Period", context.periodLabel() + ": " + context.periodFrom() + " to " + context.periodTo());
        row = setting(layout, row, "Data cutoff", null);
        layout.date(row - 1, 1, context.dataCutoff(), layout.styles.dateLeft);
        // cdo report takes the analysis' defaults; only cdo analyze (the researchers' file) has options for them
        row = setting(layout, row, "Side-effect window", Counted.of(context.aeWindowDays(), "day"));
        row = setting(layout, row, "Follow-up", Counted.of(context.followUpDays(), "day"));
        row = setting(layout, row, "First cycle only", context.firstCycleOnly() ? "yes" : "no");
        // the workbook does not know which of the three set it: name them all, in the order one overrides the next
        String setBy = " (--suppress-below, else CDO_SUPPRESSION_THRESHOLD, else suppression-threshold of the settings "
                + "file, else 5)";
        row = setting(layout, row, "Suppression threshold", context.suppressBelow()
                + (layout.smallCells.on() ? "" : layout.smallCells.mediansOnly() ? ": no count hidden" : ": off") + setBy);
        if (context.muscleGroupOverrides().isEmpty()) {
            row = setting(layout, row, "Muscle groups", "the defaults of the input formats");
        }
        for (Map.Entry<String, String> override : context.muscleGroupOverrides().entrySet()) {
            layout.text(row, 0, "Muscle group override", layout.styles.label);
            // both sides come from the configuration file: plain text, never a formula
            layout.input(row, 1, override.getKey());
            layout.input(row + 1, 1, override.getValue());
            // no leading spaces: POI marks such text xml:space="preserve", which the strict OOXML schema does not allow
            layout.text(row + 1, 0, "which counts in group", layout.styles.label);
            row += 2;
        }
        row = setting(layout, row, "Software version", null);
        layout.input(row - 1, 1, context.softwareVersion());
        layout.text(row, 0, "Run time", layout.styles.label);
        layout.dateTime(row, 1, context.runTime(), layout.styles.dateTimeLeft);
        return row + 1;
    }

    private static int setting(SheetLayout layout, int row, String name, String value) {
        layout.text(row, 0, name, layout.styles.label);
        if (value != null) {
            layout.text(row, 1, value);
        }
        return row + 1;
    }
}
