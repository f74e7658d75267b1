package org.cdoutcomes.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateParserTests {
    @Test
    void isoDatesMustExist() {
        DateParser iso = DateParser.iso();
        assertEquals(LocalDate.of(2024, 2, 29), iso.parse("2024-02-29"));
        assertNull(iso.parse("2025-02-30"));
        assertNull(iso.parse("2025-02-29"));
        assertNull(iso.parse("2025-13-01"));
        assertNull(iso.parse("2025-1-01"));
        assertNull(iso.parse("01/02/2025"));
    }

    @Test
    void customPatternIsStrictToo() {
        DateParser dmy = DateParser.of("dd/MM/yyyy");
        assertEquals(LocalDate.of(2025, 3, 31), dmy.parse("31/03/2025"));
        assertNull(dmy.parse("30/02/2025"));
        assertNull(dmy.parse("2025-03-31"));
        assertEquals(LocalDate.of(2025, 3, 1), DateParser.of("d.M.yyyy").parse("1.3.2025"));
    }

    /**
     * A two-digit year falls in the hundred years that end ten years after the run's: in 2026, 98 is 1998 (a diagnosis
     * in 1998, which java.time's 2000-2099 made 2098, a FUTURE_DATE), 26 is 2026, 27 is 2027 (a typo the validator then
     * refuses as a future date, not a visit in 1927), 36 is 2036 and 37 is 1937, as Excel's 1930-2029 would have it.
     * Literal y in quotes and a four-digit year are left alone.
     */
    @Test
    void twoDigitYearsFallInTheHundredYearsEndingTenYearsAhead() {
        LocalDate runDay = LocalDate.of(2026, 12, 7);
        DateParser dmy = DateParser.of("dd/MM/yy", runDay);
        assertEquals(LocalDate.of(1998, 3, 15), dmy.parse("15/03/98"));
        assertEquals(LocalDate.of(2026, 3, 15), dmy.parse("15/03/26"));
        assertEquals(LocalDate.of(2027, 1, 1), dmy.parse("01/01/27"));
        assertEquals(LocalDate.of(2036, 6, 30), dmy.parse("30/06/36"));
        assertEquals(LocalDate.of(1937, 6, 30), dmy.parse("30/06/37"));
        assertEquals(LocalDate.of(2000, 1, 1), dmy.parse("01/01/00"));
        assertNull(dmy.parse("15/03/1998"));
        assertEquals(LocalDate.of(2025, 12, 31), DateParser.of("yyMMdd", runDay).parse("251231"));
        assertEquals(LocalDate.of(1999, 2, 1), DateParser.of("'y'yy.M.d", runDay).parse("y99.2.1"));
        assertEquals(LocalDate.of(2098, 3, 15), DateParser.of("dd/MM/yyyy", runDay).parse("15/03/2098"));
    }

    /** There is no year 0 (1 BC is followed by AD 1), and PostgreSQL refuses one: such a date would fail the whole run. */
    @Test
    void yearZeroAndBeforeDoNotExist() {
        assertEquals(LocalDate.of(1, 1, 1), DateParser.iso().parse("0001-01-01"));
        assertNull(DateParser.iso().parse("0000-01-01"));
        assertNull(DateParser.iso().parse("0000-12-31"));
        assertEquals(LocalDate.of(1, 1, 1), DateParser.of("dd/MM/yyyy").parse("01/01/0001"));
        assertNull(DateParser.of("dd/MM/yyyy").parse("01/01/0000"));
        assertNull(DateParser.of("dd/MM/yyyy").parse("01/01/-0001"));
    }

    @Test
    void patternsThatDoNotNameADayAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DateParser.of("yyyy-MM"));
        assertThrows(IllegalArgumentException.class, () -> DateParser.of("qqq-{"));
        assertThrows(IllegalArgumentException.class, () -> DateParser.of(" "));
    }

    /**
     * java.time reads the year of d.M.y with any number of digits, so 15.6.26 was stored as 15 June of the year 26:
     * one or three year letters are refused (the command exits 2 naming the option); yyyy wants four digits.
     */
    @Test
    void aYearOfOneOrThreeLettersIsRefusedAndFourLettersWantFourDigits() {
        for (String pattern : List.of("d.M.y", "d.M.yyy", "u-M-d", "'yy' d.M.y")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DateParser.of(pattern));
            assertTrue(refused.getMessage().contains("write yyyy for years of four digits, or yy for years of two"),
                    refused.getMessage());
        }
        assertNull(DateParser.of("d.M.yyyy").parse("15.6.26"));
        assertEquals(LocalDate.of(2026, 6, 15), DateParser.of("d.M.yyyy").parse("15.6.2026"));
        assertEquals(LocalDate.of(2026, 6, 15), DateParser.of("d.M.yy", LocalDate.of(2026, 6, 15)).parse("15.6.26"));
    }
}
