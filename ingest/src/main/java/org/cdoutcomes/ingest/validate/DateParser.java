package org.cdoutcomes.ingest.validate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Parses dates strictly (2025-02-30 does not exist): ISO yyyy-MM-dd unless a {@code --date-format} pattern is given.
 * Pattern years ({@code y}) are read as proleptic years ({@code u}) so strict resolution needs no era.
 */
public final class DateParser {
    public static final String ISO_PATTERN = "yyyy-MM-dd";

    private final String pattern;
    private final DateTimeFormatter formatter;

    private DateParser(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    public static DateParser iso() {
        return of(ISO_PATTERN);
    }

    /** @throws IllegalArgumentException when the pattern is not a date pattern */
    public static DateParser of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("the date format is empty");
        }
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(withProlepticYears(pattern)).withResolverStyle(ResolverStyle.STRICT);
        try {
            LocalDate sample = LocalDate.of(2025, 3, 31);
            if (!LocalDate.parse(formatter.format(sample), formatter).equals(sample)) {
                throw new IllegalArgumentException("the date format " + pattern + " does not name a day, month and year");
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("the date format " + pattern + " does not name a day, month and year", e);
        }
        return new DateParser(pattern, formatter);
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

    /** The date, or null when the text is not a date that exists in this format. */
    public LocalDate parse(String text) {
        try {
            return LocalDate.parse(text, formatter);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
