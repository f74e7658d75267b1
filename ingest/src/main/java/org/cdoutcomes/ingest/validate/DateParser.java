package org.cdoutcomes.ingest.validate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Parses dates strictly (2025-02-30 does not exist): ISO yyyy-MM-dd unless a {@code --date-format} pattern is given.
 * Pattern years ({@code y}) are read as proleptic years ({@code u}) so strict resolution needs no era.
 */
public final class DateParser {
    public static final String ISO_PATTERN = "yyyy-MM-dd";
    private static final int TWO_DIGIT_YEARS_AHEAD = 10;

    private final String pattern;
    private final DateTimeFormatter formatter;

    private DateParser(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    public static DateParser iso() {
        return of(ISO_PATTERN);
    }

    /** The pattern as of today; see {@link #of(String, LocalDate)}. */
    public static DateParser of(String pattern) {
        return of(pattern, LocalDate.now());
    }

    /**
     * A parser of dates written in {@code pattern}. A two-digit year ({@code yy}) falls in the hundred years that end
     * ten years after {@code today}'s (in 2026: 98 is 1998, 26 is 2026, 27 to 36 are 2027 to 2036, refused as future
     * dates, and 37 is 1937), as Excel reads them within 1930-2029: java.time's 2000-2099 made a diagnosis in 1998 a
     * FUTURE_DATE, and a window ending this year would store next year's typo 100 years back.
     *
     * @throws IllegalArgumentException when the pattern is not a date pattern, or writes its year with one or three
     *         letters (java.time would read a two-digit year as the first century's)
     */
    public static DateParser of(String pattern, LocalDate today) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("the date format is empty");
        }
        DateTimeFormatter formatter;
        try {
            formatter = formatter(pattern, today).withResolverStyle(ResolverStyle.STRICT);
            LocalDate sample = LocalDate.of(today.getYear(), 3, 31);
            if (!LocalDate.parse(formatter.format(sample), formatter).equals(sample)) {
                throw new IllegalArgumentException("the date format " + pattern + " does not name a day, month and year");
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("the date format " + pattern + " does not name a day, month and year", e);
        }
        return new DateParser(pattern, formatter);
    }

    /** The common case without a formatter: millions of dates per file make the general parser's cost show. */
    private static LocalDate parseIso(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The formatter of the pattern, its two-digit year (if any) reduced into the hundred years up to ten after today's. */
    private static DateTimeFormatter formatter(String pattern, LocalDate today) {
        int start = -1;
        int end = -1;
        boolean literal = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && (c == 'y' || c == 'u') && (i == 0 || pattern.charAt(i - 1) != c)) {
                int run = i;
                while (run < pattern.length() && pattern.charAt(run) == c) {
                    run++;
                }
                if (run - i == 1 || run - i == 3) {
                    // java.time reads y as a year of any width: 15.6.26 would be stored as the year 26, silently
                    throw new IllegalArgumentException("the date format " + pattern + " writes the year as "
                            + pattern.substring(i, run) + ", which reads 26 as the year 26: write yyyy for years of four"
                            + " digits, or yy for years of two");
                }
                if (run - i == 2 && start < 0) {
                    start = i;
                    end = run;
                }
            }
        }
        if (start < 0) {
            return DateTimeFormatter.ofPattern(withProlepticYears(pattern));
        }
        return new DateTimeFormatterBuilder()
                .appendPattern(withProlepticYears(pattern.substring(0, start)))
                .appendValueReduced(ChronoField.YEAR, 2, 2, today.getYear() + TWO_DIGIT_YEARS_AHEAD - 99)
                .appendPattern(withProlepticYears(pattern.substring(end)))
                .toFormatter();
    }

    static String withProlepticYears(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean literal = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                literal = !literal;
            }
            out.append(!literal && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    public String pattern() {
        return pattern;
    }

    /**
     * The date, or null when the text is not a date that exists in this format. Year 0 and years before it do not exist
     * in the calendar records are dated in (1 BC is followed by AD 1), and PostgreSQL refuses them.
     */
    public LocalDate parse(String text) {
        if (pattern.equals(ISO_PATTERN)) {
            return parseIso(text);
        }
        try {
            LocalDate date = LocalDate.parse(text, formatter);
            return date.getYear() < 1 ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
