package org.cdoutcomes.analytics;

import static org.cdoutcomes.analytics.Histories.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisOptionsTests {
    private static final AnalysisOptions DEFAULTS = AnalysisOptions.defaults(d("2026-02-01"));

    @Test
    void defaultsAnalyseEveryCycleWithA28DayWindowAnd180DaysOfFollowUp() {
        assertNull(DEFAULTS.from());
        assertNull(DEFAULTS.to());
        assertEquals(28, DEFAULTS.aeWindowDays());
        assertEquals(180, DEFAULTS.followUpDays());
        assertFalse(DEFAULTS.firstCycleOnly());
        assertEquals(Set.of(), DEFAULTS.sites());
        assertEquals("..", DEFAULTS.periodLabel());
    }

    @Test
    void aQuarterFixesFromAndToAndSurvivesOtherChanges() {
        AnalysisOptions options = DEFAULTS.withQuarter(Quarter.parse("2025-Q3")).withSites(Set.of(" north ")).withFirstCycleOnly(true);

        assertEquals(d("2025-07-01"), options.from());
        assertEquals(d("2025-09-30"), options.to());
        assertEquals("2025-Q3", options.periodLabel());
        assertEquals(Set.of("north"), options.sites());
        // a site id pasted with a no-break space, which the ingest trims from the id in a file
        assertEquals(Set.of("north"), DEFAULTS.withSites(Set.of("north\u00a0")).sites());
    }

    @Test
    void anExplicitPeriodReplacesTheQuarter() {
        AnalysisOptions options = DEFAULTS.withQuarter(Quarter.parse("2025-Q3")).withPeriod(d("2025-01-01"), null);

        assertNull(options.quarter());
        assertEquals(d("2025-01-01"), options.from());
        assertNull(options.to());
        assertEquals("2025-01-01..", options.periodLabel());
    }

    @Test
    void inconsistentOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withPeriod(d("2025-02-01"), d("2025-01-31")));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withAeWindowDays(-1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withFollowUpDays(-1));
        assertThrows(IllegalArgumentException.class, () -> new AnalysisOptions(d("2026-01-01"), d("2025-01-01"), null,
                Quarter.parse("2025-Q3"), Set.of(), 28, 180, false, DEFAULTS.muscleGroups()));
        assertThrows(NullPointerException.class, () -> AnalysisOptions.defaults(null));
    }
}
