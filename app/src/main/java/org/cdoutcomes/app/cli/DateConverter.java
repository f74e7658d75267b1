package org.cdoutcomes.app.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Dates of every option, written as the input formats write them. Years 1 to 9999 only: Java parses 0000-01-01 and
 * +12025-01-01, which no record can carry (ingest rejects them as BAD_DATE) and which the database driver fails on
 * mid-job.
 */
public final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.getYear() >= 1 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // the message below says what is expected
        }
        throw new TypeConversionException("expected a date written yyyy-MM-dd (a year from 1 to 9999), such as 2026-03-31, "
                + "but got '" + value + "'");
    }
}
