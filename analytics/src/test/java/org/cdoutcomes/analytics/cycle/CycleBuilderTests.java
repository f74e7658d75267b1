package org.cdoutcomes.analytics.cycle;

import static org.cdoutcomes.analytics.Histories.BOTOX;
import static org.cdoutcomes.analytics.Histories.DYSPORT;
import static org.cdoutcomes.analytics.Histories.adverse;
import static org.cdoutcomes.analytics.Histories.d;
import static org.cdoutcomes.analytics.Histories.onset;
import static org.cdoutcomes.analytics.Histories.patient;
import static org.cdoutcomes.analytics.Histories.record;
import static org.cdoutcomes.analytics.Histories.score;
import static org.cdoutcomes.analytics.Histories.visit;
import static org.cdoutcomes.analytics.Histories.visits;
import static org.cdoutcomes.analytics.Histories.wearOff;
import static org.cdoutcomes.model.vocabulary.Muscle.SPLENIUS_CAPITIS;
import static org.cdoutcomes.model.vocabulary.Muscle.STERNOCLEIDOMASTOID;
import static org.cdoutcomes.model.vocabulary.Muscle.TRAPEZIUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.junit.jupiter.api.Test;

class CycleBuilderTests {
    private static PatientCycles build(String asOf, PatientHistory history) {
        return new CycleBuilder(d(asOf), 180, 28).build(history);
    }

    @Test
    void visitsOfOneDateAreOneSessionWithTheFirstVisitsProductAndSiteInCodePointOrder() {
        // "V10" sorts before "V9" by code point, so V10 is the session's first visit.
        PatientHistory history = patient(null, visits(
                visit("V9", "2025-01-10", BOTOX, "north", STERNOCLEIDOMASTOID),
                visit("V10", "2025-01-10", DYSPORT, "south", TRAPEZIUS, SPLENIUS_CAPITIS)));

        List<TreatmentCycle> cycles = build("2025-02-01", history).cycles();

        assertEquals(1, cycles.size());
        TreatmentCycle cycle = cycles.get(0);
        assertEquals(DYSPORT, cycle.product());
        assertEquals("south", cycle.siteId());
        assertEquals(List.of(TRAPEZIUS, SPLENIUS_CAPITIS, STERNOCLEIDOMASTOID),
                cycle.visits().stream().flatMap(v -> v.muscles().stream()).map(InjectedMuscle::muscle).toList());
    }

    @Test
    void unsortedVisitsAreSortedByDateFirst() {
        PatientHistory history = patient(null, visits(
                visit("A", "2025-04-01", BOTOX, null, TRAPEZIUS),
                visit("B", "2025-01-01", DYSPORT, null, TRAPEZIUS)));

        List<TreatmentCycle> cycles = build("2025-05-01", history).cycles();

        assertEquals(d("2025-01-01"), cycles.get(0).start());
        assertEquals(DYSPORT, cycles.get(0).product());
        assertEquals(d("2025-04-01"), cycles.get(1).start());
    }

    @Test
    void everySessionButTheLastIsClosedAtTheNextSessionAndTheYoungLastRunsToTheCutoff() {
        PatientHistory history = patient(null, visits(
                visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)));

        List<TreatmentCycle> cycles = build("2025-05-01", history).cycles();

        assertEquals(2, cycles.size());
        assertTrue(cycles.get(0).closed());
        assertEquals(d("2025-04-01"), cycles.get(0).end());
        assertFalse(cycles.get(1).closed());
        assertFalse(cycles.get(1).lostToFollowUp());
        assertEquals(d("2025-05-01"), cycles.get(1).end());
        // No onset: censored at d(s, e) = 90 days (Jan 31 + Feb 28 + Mar 31) and 30 days.
        assertEquals(Observation.censored(90), cycles.get(0).timeToOnset());
        assertEquals(Observation.censored(30), cycles.get(1).timeToOnset());
        assertNull(cycles.get(0).durationOfRelief());
    }

    @Test
    void anOpenCycleOf180DaysIsYoungAndOf181DaysLostToFollowUpEndingAtTheLastContact() {
        // 2025-01-01 + 180 days = 2025-06-30.
        PatientHistory history = patient(null, visits(visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS)),
                score("2025-03-10"), onset("2025-01-05"), score("2025-07-15"));

        TreatmentCycle young = build("2025-06-30", history).cycles().get(0);
        TreatmentCycle lost = build("2025-07-01", history).cycles().get(0);

        assertFalse(young.lostToFollowUp());
        assertEquals(d("2025-06-30"), young.end());
        assertTrue(lost.lostToFollowUp());
        // The score of 2025-07-15 is after the cutoff: the last contact is the score of 2025-03-10.
        assertEquals(d("2025-03-10"), lost.end());
        assertEquals(Observation.event(4), lost.timeToOnset());
        assertEquals(Observation.censored(64), lost.durationOfRelief());
    }

    @Test
    void aLostPatientsLastContactMayBeTheInjectionItself() {
        PatientHistory history = patient(null, visits(visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS)),
                score("2024-12-01"));

        TreatmentCycle lost = build("2025-12-01", history).cycles().get(0);

        assertEquals(d("2025-01-01"), lost.end());
        assertEquals(Observation.censored(0), lost.timeToOnset());
    }

    @Test
    void aWearOffOnTheDayOfReinjectionBelongsToTheEndingCycleAndAnOnsetThatDayToTheNext() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)),
                onset("2025-01-08"), wearOff("2025-04-01"), onset("2025-04-01"), wearOff("2025-04-20"));

        List<TreatmentCycle> cycles = build("2025-05-01", history).cycles();

        assertEquals(Observation.event(7), cycles.get(0).timeToOnset());
        assertEquals(d("2025-04-01"), cycles.get(0).wearOff());
        // 2025-01-08 to 2025-04-01: 31 (to Feb 8) + 28 (to Mar 8) + 24 = 83 days.
        assertEquals(Observation.event(83), cycles.get(0).durationOfRelief());
        assertEquals(Observation.event(0), cycles.get(1).timeToOnset());
        assertEquals(Observation.event(19), cycles.get(1).durationOfRelief());
    }

    @Test
    void withoutWearOffReliefIsCensoredAtTheCyclesEnd() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)),
                onset("2025-01-11"), onset("2025-01-06"), onset("2025-04-10"));

        List<TreatmentCycle> cycles = build("2025-05-01", history).cycles();

        assertEquals(d("2025-01-06"), cycles.get(0).onset());
        assertEquals(Observation.censored(85), cycles.get(0).durationOfRelief());
        assertEquals(Observation.censored(21), cycles.get(1).durationOfRelief());
    }

    @Test
    void wearOffsWithoutOnsetOrBeforeItAreNotedAndIgnored() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)),
                wearOff("2025-01-03"), onset("2025-01-05"), wearOff("2025-03-20"), wearOff("2025-03-01"),
                wearOff("2025-04-15"));

        PatientCycles patient = build("2025-05-01", history);

        // 2025-01-03 precedes the first cycle's onset; 2025-04-15 is in a cycle without onset.
        assertEquals(2, patient.wearOffsWithoutOnset());
        assertEquals(d("2025-03-01"), patient.cycles().get(0).wearOff());
        assertEquals(Observation.event(55), patient.cycles().get(0).durationOfRelief());
        assertNull(patient.cycles().get(1).wearOff());
    }

    @Test
    void reliefAndAdverseRecordsBeforeTheFirstInjectionBelongToNoCycleButScoresAreNotNoted() {
        PatientHistory history = patient(null, visits(visit("A", "2025-02-01", BOTOX, null, TRAPEZIUS)),
                onset("2025-01-01"), wearOff("2025-01-02"), adverse("2025-01-03", "headache"), score("2025-01-04"),
                onset("2025-02-05"));

        PatientCycles patient = build("2025-03-01", history);

        assertEquals(3, patient.recordsWithoutCycle());
        assertEquals(0, patient.wearOffsWithoutOnset());
        assertEquals(Observation.event(4), patient.cycles().get(0).timeToOnset());
    }

    @Test
    void recordsAndVisitsAfterTheCutoffAreIgnored() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-03-01", BOTOX, null, TRAPEZIUS)),
                onset("2025-02-20"), wearOff("2025-02-21"), adverse("2025-02-22", "headache"), onset("2025-03-02"));

        PatientCycles patient = build("2025-02-20", history);

        assertEquals(1, patient.cycles().size());
        TreatmentCycle only = patient.cycles().get(0);
        assertFalse(only.closed());
        assertEquals(d("2025-02-20"), only.end());
        assertEquals(Observation.event(50), only.timeToOnset());
        assertEquals(Observation.censored(0), only.durationOfRelief());
        assertEquals(Set.of(), only.sideEffectTerms());
        assertEquals(0, patient.wearOffsWithoutOnset() + patient.recordsWithoutCycle());
    }

    @Test
    void aPatientWithoutInjectionBeforeTheCutoffHasNoCycleAndItsReliefRecordsAreNoted() {
        PatientHistory history = patient(null, visits(visit("A", "2025-06-01", BOTOX, null, TRAPEZIUS)),
                onset("2025-01-01"), adverse("2025-01-02", "headache"), score("2025-01-03"), onset("2025-06-05"));

        PatientCycles patient = build("2025-05-01", history);

        assertEquals(List.of(), patient.cycles());
        assertEquals(2, patient.recordsWithoutCycle());
    }

    @Test
    void aVisitIdNamingNoVisitOfTheCyclesSessionIsAMismatch() {
        PatientHistory history = patient(null, visits(
                        visit("A1", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("A2", "2025-01-01", BOTOX, null, STERNOCLEIDOMASTOID),
                        visit("B", "2025-04-01", BOTOX, null, TRAPEZIUS)),
                record("2025-01-05", SymptomKind.RELIEF_ONSET, null, "A2"),
                record("2025-01-06", SymptomKind.SCORE, "pain_nrs", " A1 "),
                record("2025-01-07", SymptomKind.ADVERSE_EVENT, "headache", "B"),
                record("2025-01-08", SymptomKind.SCORE, "pain_nrs", "a1"),
                record("2025-04-01", SymptomKind.RELIEF_WEAR_OFF, null, "B"),
                record("2024-12-01", SymptomKind.RELIEF_ONSET, null, "X"),
                record("2025-04-02", SymptomKind.RELIEF_ONSET, null, null),
                record("2025-04-03", SymptomKind.SCORE, "pain_nrs", " "));

        PatientCycles patient = build("2025-05-01", history);

        // B on 2025-01-07, "a1" (case matters) and the wear-off of 2025-04-01, which belongs to the first cycle.
        // The record before the first injection and the records without (or with a blank) visit id are not counted.
        assertEquals(3, patient.visitIdMismatches());
    }

    @Test
    void theSessionsSiteIsItsFirstVisitsElseThePatientsElseMain() {
        var visitSite = build("2025-05-01", patient("clinic", visits(visit("A", "2025-01-01", BOTOX, "ward", TRAPEZIUS))));
        var patientSite = build("2025-05-01", patient("clinic", visits(visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS))));
        var mainSite = build("2025-05-01", patient(null, visits(visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS))));

        assertEquals("ward", visitSite.cycles().get(0).siteId());
        assertEquals("clinic", patientSite.cycles().get(0).siteId());
        assertEquals("main", mainSite.cycles().get(0).siteId());
    }

    @Test
    void theRiskWindowHoldsDay28ButNotDay29() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-03-01", BOTOX, null, TRAPEZIUS)),
                adverse("2025-01-01", "dysphagia"), adverse("2025-01-29", "headache"), adverse("2025-01-30", "fatigue"),
                adverse("2025-03-30", "dry_mouth"));

        List<TreatmentCycle> cycles = build("2025-03-29", history).cycles();

        assertTrue(cycles.get(0).countedForSideEffects());
        assertEquals(List.of("dysphagia", "headache"), List.copyOf(cycles.get(0).sideEffectTerms()));
        // 2025-03-01 + 28 = 2025-03-29: the open cycle's window has just passed; its record of 03-30 is after the cutoff.
        assertTrue(cycles.get(1).countedForSideEffects());
        assertEquals(Set.of(), cycles.get(1).sideEffectTerms());
    }

    @Test
    void anOpenCycleCountsForSideEffectsOnlyOnceItsWindowHasPassedTheCutoff() {
        PatientHistory history = patient(null, visits(visit("A", "2025-03-01", BOTOX, null, TRAPEZIUS)),
                adverse("2025-03-05", "headache"));

        TreatmentCycle notYet = build("2025-03-28", history).cycles().get(0);
        TreatmentCycle passed = build("2025-03-29", history).cycles().get(0);

        assertFalse(notYet.countedForSideEffects());
        assertTrue(passed.countedForSideEffects());
        assertEquals(Set.of("headache"), passed.sideEffectTerms());
    }

    @Test
    void aClosedCyclesWindowEndsBeforeTheNextSession() {
        PatientHistory history = patient(null, visits(
                        visit("A", "2025-01-01", BOTOX, null, TRAPEZIUS),
                        visit("B", "2025-01-15", BOTOX, null, TRAPEZIUS)),
                adverse("2025-01-14", "headache"), adverse("2025-01-15", "dysphagia"));

        List<TreatmentCycle> cycles = build("2025-01-20", history).cycles();

        assertEquals(Set.of("headache"), cycles.get(0).sideEffectTerms());
        assertTrue(cycles.get(0).countedForSideEffects());
        // The second cycle holds the dysphagia but its window (to 2025-02-12) has not passed the cutoff.
        assertEquals(Set.of("dysphagia"), cycles.get(1).sideEffectTerms());
        assertFalse(cycles.get(1).countedForSideEffects());
    }
}
