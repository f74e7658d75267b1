package org.cdoutcomes.analytics;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code 2026-Q3} (2026-07-01..2026-09-30). */
public record Quarter(int year, int number) {
    private static final Pattern TEXT = Pattern.compile("(\\d{4})-[Qq]([1-4])");

    public Quarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("a quarter is numbered 1 to 4, not " + number);
        }
    }

    /** Parses {@code YYYY-Qn}; the message names the expected form. */
    public static Quarter parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.trim());
        // no year 0 (1 BC is followed by AD 1): the date options refuse it too
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("a quarter is written YYYY-Qn with a year from 0001 and n from 1 to 4 (e.g. 2026-Q3), not '"
                    + text + "'");
        }
        return new Quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public static Quarter containing(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate first() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public LocalDate last() {
        return first().plusMonths(3).minusDays(1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    /**
     * The report's default period, the latest full quarter: the latest one that ended before today and, when a data
     * cutoff is given, by that day (records after it are left out, so a later quarter would not be full).
     *
     * @param asOf the data cutoff given, or null
     */
    public static Quarter latestFull(LocalDate today, LocalDate asOf) {
        LocalDate lastDay = today.minusDays(1);
        if (asOf != null && asOf.isBefore(lastDay)) {
            lastDay = asOf;
        }
        Quarter containing = containing(lastDay);
        return lastDay.equals(containing.last()) ? containing : containing.previous();
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
