package org.cdoutcomes.analytics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.cdoutcomes.analytics.cohort.SideEffectTally.Table;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.junit.jupiter.api.Test;

class SideEffectTallyTests {
    private static final String SCM = "sternocleidomastoid";
    private static final String TRAP = "trapezius";

    /** Four counted cycles: {SCM, TRAP}: dysphagia; {SCM}: dysphagia, headache; {TRAP}: none; {TRAP}: headache, fatigue. */
    private static SideEffectTally fourCycles() {
        SideEffectTally tally = new SideEffectTally();
        tally.add(Set.of(SCM, TRAP), Set.of("dysphagia"));
        tally.add(Set.of(SCM), Set.of("dysphagia", "headache"));
        tally.add(Set.of(TRAP), Set.of());
        tally.add(Set.of(TRAP), Set.of("headache", "fatigue"));
        return tally;
    }

    @Test
    void tablesCountExposedAndUnexposedCyclesWithTheTerm() {
        SideEffectTally tally = fourCycles();

        assertEquals(4, tally.counted());
        assertEquals(new Table(2, 2, 0, 2), tally.table(SCM, "dysphagia"));
        assertEquals(new Table(1, 2, 1, 2), tally.table(SCM, "headache"));
        assertEquals(new Table(0, 2, 1, 2), tally.table(SCM, "fatigue"));
        assertEquals(new Table(2, 2, 1, 2), tally.table(SCM, "any"));
        assertEquals(new Table(1, 3, 1, 1), tally.table(TRAP, "headache"));
        assertEquals(new Table(2, 3, 1, 1), tally.table(TRAP, "any"));
    }

    @Test
    void theGroupAnyHoldsEveryCountedCycleAndNoUnexposedOnes() {
        SideEffectTally tally = fourCycles();

        assertEquals(new Table(2, 4, 0, 0), tally.table("any", "dysphagia"));
        assertEquals(new Table(3, 4, 0, 0), tally.table("any", "any"));
    }

    @Test
    void rowsGoByGroupThenTermWithAnyFirstInBoth() {
        SideEffectTally tally = fourCycles();

        assertEquals(List.of("any", SCM, TRAP), tally.groups());
        assertEquals(List.of("any", "dysphagia", "fatigue", "headache"), tally.terms());
    }

    @Test
    void withoutAnyEventTheOnlyTermIsAny() {
        SideEffectTally tally = new SideEffectTally();
        tally.add(Set.of(SCM), Set.of());

        assertEquals(List.of("any", SCM), tally.groups());
        assertEquals(List.of("any"), tally.terms());
        assertEquals(new Table(0, 1, 0, 0), tally.table(SCM, "any"));
    }

    @Test
    void withoutCountedCyclesThereAreNoRows() {
        SideEffectTally tally = new SideEffectTally();

        assertEquals(List.of(), tally.groups());
        assertEquals(List.of(), tally.terms());
        assertEquals(List.of(), tally.rows());
    }

    @Test
    void theMostFrequentTermsComeByCyclesWithThemThenByName() {
        SideEffectTally tally = fourCycles();

        assertEquals(List.of(new TermCount("dysphagia", 2, 4), new TermCount("headache", 2, 4)), tally.mostFrequent(2));
        assertEquals(3, tally.mostFrequent(3).size());
        assertEquals("fatigue", tally.mostFrequent(3).get(2).term());
    }

    @Test
    void aTermAsFrequentAsTheLastKeptIsKeptToo() {
        SideEffectTally tally = fourCycles();

        // dysphagia and headache: 2 cycles each; the first one alone would rank them by name
        assertEquals(List.of(new TermCount("dysphagia", 2, 4), new TermCount("headache", 2, 4)), tally.mostFrequent(1));
        assertEquals(List.of(), tally.mostFrequent(0));
        assertEquals(3, tally.mostFrequent(10).size(), "no more terms than there are");
    }
}
