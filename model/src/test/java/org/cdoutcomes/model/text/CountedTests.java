package org.cdoutcomes.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountedTests {
    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertEquals("0 events", Counted.of(0, "event"));
        assertEquals("1 event", Counted.of(1, "event"));
        assertEquals("2 events", Counted.of(2, "event"));
        assertEquals("1234567 rows", Counted.of(1_234_567, "row"));
    }

    @Test
    void anIrregularPluralIsGiven() {
        assertEquals("1 visit id mismatch", Counted.of(1, "visit id mismatch", "visit id mismatches"));
        assertEquals("3 visit id mismatches", Counted.of(3, "visit id mismatch", "visit id mismatches"));
    }
}
