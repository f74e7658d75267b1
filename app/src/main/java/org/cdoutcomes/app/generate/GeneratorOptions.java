package org.cdoutcomes.app.generate;

import java.time.LocalDate;

/**
 * What to generate: how many patients, the seed, and the period (both days included) the clinic's
 * history covers. The same options always give the same bytes.
 */
public record GeneratorOptions(int patients, long seed, LocalDate from, LocalDate to) {
    public static final long DEFAULT_SEED = 1;
    public static final int MAX_PATIENTS = 10_000_000;
    /** Products and practice of the simulation are those of the 2020s; older periods stop making sense before this. */
    public static final LocalDate EARLIEST_FROM = LocalDate.of(1990, 1, 1);

    public GeneratorOptions {
        if (patients < 1 || patients > MAX_PATIENTS) {
            throw new IllegalArgumentException("--patients must be between 1 and " + MAX_PATIENTS + " (got " + patients + ")");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("--from and --to must both be known");
        }
        if (from.isBefore(EARLIEST_FROM)) {
            throw new IllegalArgumentException("--from must be on or after " + EARLIEST_FROM + " (got " + from + ")");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must not be after --to (" + to + ")");
        }
        if (to.getYear() > 9999) {
            throw new IllegalArgumentException("--to must be a four-digit year (got " + to + ")");
        }
    }

    /** The first day of the two years that end on {@code to}. */
    public static LocalDate twoYearsBefore(LocalDate to) {
        return to.minusYears(2).plusDays(1);
    }
}
