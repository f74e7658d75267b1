package org.cdoutcomes.analytics;

import static org.cdoutcomes.analytics.Histories.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuarterTests {
    @Test
    void aQuarterSpansItsThreeMonths() {
        Quarter q3 = Quarter.parse("2026-Q3");

        assertEquals(d("2026-07-01"), q3.first());
        assertEquals(d("2026-09-30"), q3.last());
        assertEquals(d("2026-01-01"), Quarter.parse("2026-q1").first());
        assertEquals(d("2026-12-31"), Quarter.parse(" 2026-Q4 ").last());
        assertEquals(d("2024-03-31"), Quarter.parse("2024-Q1").last());
    }

    @Test
    void previousQuartersCrossTheYear() {
        assertEquals(new Quarter(2025, 4), Quarter.parse("2026-Q1").previous());
        assertEquals(new Quarter(2026, 2), Quarter.parse("2026-Q3").previous());
        assertEquals("2025-Q4", new Quarter(2025, 4).toString());
    }

    @Test
    void theLatestFullQuarterEndedBeforeToday() {
        assertEquals(new Quarter(2026, 2), Quarter.latestFull(d("2026-08-15"), null));
        assertEquals(new Quarter(2026, 2), Quarter.latestFull(d("2026-09-30"), null), "not full on its last day");
        assertEquals(new Quarter(2026, 3), Quarter.latestFull(d("2026-10-01"), null));
        assertEquals(new Quarter(2025, 4), Quarter.latestFull(d("2026-01-01"), null));
    }

    @Test
    void aDataCutoffGivenEndsTheLatestFullQuarterToo() {
        assertEquals(new Quarter(2025, 4), Quarter.latestFull(d("2026-12-07"), d("2025-12-31")), "full on the cutoff day");
        assertEquals(new Quarter(2025, 3), Quarter.latestFull(d("2026-12-07"), d("2025-12-30")));
        assertEquals(new Quarter(2026, 2), Quarter.latestFull(d("2026-12-07"), d("2026-08-15")));
        // a cutoff on or after today ends no quarter that today has not
        assertEquals(new Quarter(2026, 2), Quarter.latestFull(d("2026-09-30"), d("2026-09-30")));
        assertEquals(new Quarter(2026, 3), Quarter.latestFull(d("2026-12-07"), d("2027-03-31")));
    }

    @Test
    void malformedQuartersNameTheExpectedForm() {
        for (String text : new String[] {"2026-Q5", "2026Q3", "26-Q1", "2026-Q0", "", "Q3-2026", "0000-Q1"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Quarter.parse(text));
            assertTrue(error.getMessage().contains("YYYY-Qn"), error.getMessage());
        }
    }
}
