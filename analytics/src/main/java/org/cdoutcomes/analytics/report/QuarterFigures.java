package org.cdoutcomes.analytics.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Summary figures of one period. Median days between injections is over the period's closed cycles;
 * medians are the KM medians of the {@code all} stratum, with their event counts (for small-cell suppression).
 * {@code sites} are the sites of the period's cycles, in code-point order.
 */
public record QuarterFigures(String label, LocalDate from, LocalDate to,
                             int patientsTreated, int newPatients, int cycles, List<ProductCount> cyclesPerProduct,
                             Double medianDaysBetweenInjections, int closedCycles,
                             Double onsetMedian, int onsetEvents, Double durationMedian, int durationEvents,
                             List<TermCount> topSideEffects, List<String> sites) {
    /**
     * How many side effects {@code topSideEffects} ranks (report.md: "the three most frequent side effects"); it holds
     * more when others are as frequent as the third.
     */
    public static final int TOP_SIDE_EFFECTS = 3;

    public QuarterFigures {
        cyclesPerProduct = List.copyOf(cyclesPerProduct);
        topSideEffects = List.copyOf(topSideEffects);
        sites = List.copyOf(sites);
    }

    /** Cycles of one product in the period. */
    public record ProductCount(String product, int cycles) {
    }

    /** A side-effect term: counted cycles with it, of all counted cycles (its rate is the quotient). */
    public record TermCount(String term, int cyclesWithEvent, int countedCycles) {
    }
}
