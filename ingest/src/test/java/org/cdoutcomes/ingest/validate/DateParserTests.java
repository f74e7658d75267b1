package org.cdoutcomes.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
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
     * A two-digit year is the latest year with those digits not after the day of the run: in 2026, 26 is 2026, 27 is
     * 1927 and 98 is 1998 (a diagnosis in 1998, which java.time's 2000-2099 made 2098, a FUTURE_DATE). Literal y in
     * quotes and a four-digit year are left alone.
     */
    @Test
    void twoDigitYearsAreTheLatestNotAfterTheRun() {
        LocalDate runDay = LocalDate.of(2026, 12, 7);
        DateParser dmy = DateParser.of("dd/MM/yy", runDay);
        assertEquals(LocalDate.of(1998, 3, 15), dmy.parse("15/03/98"));
        assertEquals(LocalDate.of(2026, 3, 15), dmy.parse("15/03/26"));
        assertEquals(LocalDate.of(1927, 3, 15), dmy.parse("15/03/27"));
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
}
