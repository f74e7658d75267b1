package org.cdoutcomes.analytics.cohort;

import static org.cdoutcomes.analytics.Histories.BOTOX;
import static org.cdoutcomes.analytics.Histories.DYSPORT;
import static org.cdoutcomes.analytics.Histories.adverse;
import static org.cdoutcomes.analytics.Histories.d;
import static org.cdoutcomes.analytics.Histories.dose;
import static org.cdoutcomes.analytics.Histories.onset;
import static org.cdoutcomes.analytics.Histories.patient;
import static org.cdoutcomes.analytics.Histories.visit;
import static org.cdoutcomes.analytics.Histories.visitWithDoses;
import static org.cdoutcomes.analytics.Histories.visits;
import static org.cdoutcomes.analytics.Histories.wearOff;
import static org.cdoutcomes.model.vocabulary.Muscle.SCALENUS_ANTERIOR;
import static org.cdoutcomes.model.vocabulary.Muscle.SCALENUS_MEDIUS;
import static org.cdoutcomes.model.vocabulary.Muscle.STERNOCLEIDOMASTOID;
import static org.cdoutcomes.model.vocabulary.Muscle.TRAPEZIUS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdoutcomes.analytics.cohort.SideEffectTally.Table;
import org.cdoutcomes.analytics.cycle.CycleBuilder;
import org.cdoutcomes.analytics.cycle.TreatmentCycle;
import org.cdoutcomes.analytics.report.DosingRow;
import org.cdoutcomes.analytics.stats.SurvivalCounts;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.vocabulary.MuscleGroups;
import org.cdoutcomes.model.vocabulary.Side;
import org.junit.jupiter.api.Test;

class PeriodTallyTests {
    private static final CycleBuilder BUILDER = new CycleBuilder(d("2025-12-31"), 180, 28);

    /** Sessions 2025-01-01 at site a, 2025-04-01 and 2025-07-01 at site b, 2025-10-01 at a. */
    private static final PatientHistory FOUR_SESSIONS = patient("a", visits(
            visit("1", "2025-01-01", BOTOX, null, TRAPEZIUS),
            visit("2", "2025-04-01", BOTOX, "b", TRAPEZIUS),
            visit("3", "2025-07-01", DYSPORT, "b", TRAPEZIUS),
            visit("4", "2025-10-01", BOTOX, null, TRAPEZIUS)));

    private static PeriodTally tally(String from, String to, Set<String> sites, boolean firstCycleOnly) {
        return new PeriodTally(from == null ? null : d(from), to == null ? null : d(to), sites, firstCycleOnly,
                MuscleGroups.defaults());
    }

    private static List<LocalDate> starts(List<TreatmentCycle> cycles) {
        return cycles.stream().map(TreatmentCycle::start).toList();
    }

    @Test
    void thePeriodSelectsCyclesByInjectionDateInclusive() {
        List<TreatmentCycle> all = BUILDER.build(FOUR_SESSIONS).cycles();

        assertEquals(starts(all), starts(tally(null, null, Set.of(), false).cohortCycles(all)));
        assertEquals(List.of(d("2025-04-01"), d("2025-07-01")),
                starts(tally("2025-04-01", "2025-07-01", Set.of(), false).cohortCycles(all)));
    }

    @Test
    void sitesKeepCyclesOfTheirSessionsAndFirstCycleOnlyTheEarliestKept() {
        List<TreatmentCycle> all = BUILDER.build(FOUR_SESSIONS).cycles();

        assertEquals(List.of(d("2025-04-01"), d("2025-07-01")), starts(tally(null, null, Set.of("b"), false).cohortCycles(all)));
        assertEquals(List.of(d("2025-04-01")), starts(tally(null, null, Set.of("b"), true).cohortCycles(all)));
        assertEquals(List.of(d("2025-07-01")), starts(tally("2025-05-01", null, Set.of(), true).cohortCycles(all)));
        assertEquals(List.of(d("2025-01-01")), starts(tally(null, null, Set.of(), true).cohortCycles(all)));

        // the period's figures name the sites of its cycles: the patient's (a) for visits without one, and b
        PeriodTally everySite = tally(null, null, Set.of(), false);
        everySite.add(BUILDER.build(FOUR_SESSIONS));
        assertEquals(List.of("a", "b"), everySite.figures("all").sites());
        PeriodTally secondHalf = tally("2025-07-01", null, Set.of(), false);
        secondHalf.add(BUILDER.build(FOUR_SESSIONS));
        assertEquals(List.of("a", "b"), secondHalf.figures("h2").sites());
        PeriodTally lastQuarter = tally("2025-10-01", null, Set.of(), false);
        lastQuarter.add(BUILDER.build(FOUR_SESSIONS));
        assertEquals(List.of("a"), lastQuarter.figures("q4").sites());
    }

    @Test
    void patientsCountOnceAndAreNewWhenTheirFirstInjectionEverIsInThePeriod() {
        PatientHistory newcomer = patient(null, visits(visit("1", "2025-05-01", BOTOX, null, TRAPEZIUS)));
        PatientHistory outOfPeriod = patient(null, visits(visit("1", "2024-05-01", BOTOX, null, TRAPEZIUS)));
        PeriodTally tally = tally("2025-04-01", "2025-06-30", Set.of(), false);
        for (PatientHistory history : List.of(FOUR_SESSIONS, newcomer, outOfPeriod)) {
            tally.add(BUILDER.build(history));
        }

        assertEquals(2, tally.patients());
        assertEquals(2, tally.cycles());
        var daysBetweenInjections = tally.daysBetweenInjections().counts();
        // FOUR_SESSIONS' 2025-04-01 cycle is closed after 91 days; the newcomer's cycle is open.
        assertEquals(Map.of(91.0, 1), daysBetweenInjections);
    }

    @Test
    void withSitesAPatientIsNewWhenTheFirstInjectionEverIsInThePeriodAtWhicheverSite() {
        // first injection ever on 2025-01-10 at north, treated at south on 2025-02-20: new in a south report of Q1
        PatientHistory movedSites = patient(null, visits(
                visit("1", "2025-01-10", BOTOX, "north", TRAPEZIUS),
                visit("2", "2025-02-20", BOTOX, "south", TRAPEZIUS)));
        PeriodTally south = tally("2025-01-01", "2025-03-31", Set.of("south"), false);
        south.add(BUILDER.build(movedSites));
        // FOUR_SESSIONS: first injection 2025-01-01 at a, then b from 2025-04-01: treated at b in Q2, not new there
        PeriodTally bInQ2 = tally("2025-04-01", "2025-06-30", Set.of("b"), false);
        bInQ2.add(BUILDER.build(FOUR_SESSIONS));

        assertEquals(List.of(1, 1), List.of(south.figures("q1").patientsTreated(), south.figures("q1").newPatients()));
        assertEquals(List.of(1, 0), List.of(bInQ2.figures("q2").patientsTreated(), bInQ2.figures("q2").newPatients()));
    }

    @Test
    void observationsGoToTheAllTheProductAndEachExposedGroupStratumInOutputOrder() {
        PeriodTally tally = tally(null, null, Set.of(), false);
        // Cycle 1 (onset day 5, wear-off 30 days later), cycle 2 (no onset, censored at the cutoff after 14 days).
        tally.add(BUILDER.build(patient(null, visits(
                        visit("1", "2025-10-01", BOTOX, null, TRAPEZIUS, SCALENUS_ANTERIOR, SCALENUS_MEDIUS),
                        visit("2", "2025-12-17", DYSPORT, null, TRAPEZIUS)),
                onset("2025-10-06"), wearOff("2025-11-05"))));

        Map<Stratum, SurvivalCounts> onset = tally.onsetCounts();
        assertEquals(List.of(Stratum.EVERY_CYCLE, Stratum.muscleGroup("scalenes"), Stratum.muscleGroup("trapezius"),
                Stratum.product("abobotulinumtoxinA"), Stratum.product("onabotulinumtoxinA")), new ArrayList<>(onset.keySet()));
        assertCounts(Map.of(5, new int[] {1, 0}, 14, new int[] {0, 1}), onset.get(Stratum.EVERY_CYCLE));
        assertCounts(Map.of(5, new int[] {1, 0}), onset.get(Stratum.muscleGroup("scalenes")));
        assertCounts(Map.of(14, new int[] {0, 1}), onset.get(Stratum.product("abobotulinumtoxinA")));
        // Duration only for the cycle with onset.
        assertEquals(List.of(Stratum.EVERY_CYCLE, Stratum.muscleGroup("scalenes"), Stratum.muscleGroup("trapezius"),
                Stratum.product("onabotulinumtoxinA")), new ArrayList<>(tally.durationCounts().keySet()));
        assertCounts(Map.of(30, new int[] {1, 0}), tally.durationCounts().get(Stratum.muscleGroup("trapezius")));
    }

    /** A cycle is exposed to the group of each of its muscles, once per group, under the clinic's mapping. */
    @Test
    void aCycleCountsOnceInTheGroupOfEachOfItsMusclesUnderTheConfiguredMapping() {
        PatientHistory history = patient(null, visits(
                        visit("1", "2025-10-01", BOTOX, null, SCALENUS_ANTERIOR, SCALENUS_MEDIUS, STERNOCLEIDOMASTOID)),
                onset("2025-10-06"));
        PeriodTally defaults = new PeriodTally(null, null, Set.of(), false, MuscleGroups.defaults());
        PeriodTally regrouped = new PeriodTally(null, null, Set.of(), false,
                MuscleGroups.withOverrides(Map.of("anterior scalene", "anterior")));
        defaults.add(BUILDER.build(history));
        regrouped.add(BUILDER.build(history));

        assertEquals(List.of(Stratum.EVERY_CYCLE, Stratum.muscleGroup("scalenes"), Stratum.muscleGroup("sternocleidomastoid"),
                Stratum.product("onabotulinumtoxinA")), new ArrayList<>(defaults.onsetCounts().keySet()));
        assertCounts(Map.of(5, new int[] {1, 0}), defaults.onsetCounts().get(Stratum.muscleGroup("scalenes")));
        assertEquals(List.of(Stratum.EVERY_CYCLE, Stratum.muscleGroup("anterior"), Stratum.muscleGroup("scalenes"),
                Stratum.muscleGroup("sternocleidomastoid"), Stratum.product("onabotulinumtoxinA")),
                new ArrayList<>(regrouped.onsetCounts().keySet()));
        assertCounts(Map.of(5, new int[] {1, 0}), regrouped.onsetCounts().get(Stratum.muscleGroup("anterior")));
    }

    /**
     * Two visits of one day are one session, whose product is the first visit's; each dose still counts under the
     * product injected, since units of two products are never comparable (input-formats.md).
     */
    @Test
    void eachDoseOfASessionOfTwoProductsCountsUnderItsOwnVisitsProduct() {
        PeriodTally tally = tally(null, null, Set.of(), false);
        tally.add(BUILDER.build(patient(null, visits(
                visitWithDoses("1", "2025-09-01", DYSPORT, dose(TRAPEZIUS, "500"), dose(STERNOCLEIDOMASTOID, "250")),
                visitWithDoses("2", "2025-09-01", BOTOX, dose(STERNOCLEIDOMASTOID, "30"))))));

        assertEquals(1, tally.cycles());
        assertEquals(List.of(new DosingRow("abobotulinumtoxinA", "sternocleidomastoid", 1, 250, 250, 250),
                        new DosingRow("abobotulinumtoxinA", "trapezius", 1, 500, 500, 500),
                        new DosingRow("onabotulinumtoxinA", "sternocleidomastoid", 1, 30, 30, 30)),
                tally.dosing());
    }

    /**
     * A cycle's dose of a muscle is all it gave that muscle: both sides, every injection point and every visit of the
     * session with that product. Charted as one bilateral row of 60 or as left 30 and right 30, it is one dose of 60.
     * Three cycles of 60, 60 and 72.5 (30 + 30 + 12.5): median 60, Q1 60, Q3 (type 7, position 1 + 2 * 0.75 = 2.5)
     * 60 + 0.5 * 12.5 = 66.25.
     */
    @Test
    void aCyclesDoseOfAMuscleSumsItsSidesPointsAndVisits() {
        PeriodTally tally = tally(null, null, Set.of(), false);
        tally.add(BUILDER.build(patient(null, visits(
                visitWithDoses("1", "2025-03-01", BOTOX, new InjectedMuscle(STERNOCLEIDOMASTOID, Side.BILATERAL,
                        new BigDecimal("60"), null)),
                visitWithDoses("2", "2025-06-01", BOTOX, dose(STERNOCLEIDOMASTOID, "30"),
                        new InjectedMuscle(STERNOCLEIDOMASTOID, Side.RIGHT, new BigDecimal("30"), null)),
                visitWithDoses("3", "2025-09-01", BOTOX, dose(STERNOCLEIDOMASTOID, "30"),
                        new InjectedMuscle(STERNOCLEIDOMASTOID, Side.RIGHT, new BigDecimal("30"), null)),
                visitWithDoses("4", "2025-09-01", BOTOX, dose(STERNOCLEIDOMASTOID, "12.5"))))));

        assertEquals(3, tally.cycles());
        assertEquals(List.of(new DosingRow("onabotulinumtoxinA", "sternocleidomastoid", 3, 60, 60, 66.25)), tally.dosing());
    }

    @Test
    void onlyCountedCyclesEnterTheSideEffectTables() {
        PeriodTally tally = tally(null, null, Set.of(), false);
        // The first cycle is closed; the second, injected 2025-12-10, has its window open at the 2025-12-31 cutoff.
        tally.add(BUILDER.build(patient(null, visits(
                        visit("1", "2025-10-01", BOTOX, null, SCALENUS_ANTERIOR),
                        visit("2", "2025-12-10", BOTOX, null, TRAPEZIUS)),
                adverse("2025-10-02", "dysphagia"), adverse("2025-12-11", "headache"))));

        assertEquals(2, tally.cycles());
        assertEquals(1, tally.sideEffects().counted());
        assertEquals(List.of("any", "scalenes"), tally.sideEffects().groups());
        assertEquals(new Table(1, 1, 0, 0), tally.sideEffects().table("scalenes", "dysphagia"));
    }

    private static void assertCounts(Map<Integer, int[]> expected, SurvivalCounts actual) {
        assertEquals(expected.keySet(), actual.byDay().keySet());
        expected.forEach((day, counts) -> assertArrayEquals(counts, actual.byDay().get(day), "day " + day));
    }
}
