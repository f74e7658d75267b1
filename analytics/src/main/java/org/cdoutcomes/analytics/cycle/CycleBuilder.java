package org.cdoutcomes.analytics.cycle;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.CodePointOrder;
import org.cdoutcomes.model.vocabulary.Limits;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * Builds a patient's treatment cycles and assigns each symptom record to its cycle by date (analytics.md,
 * "Treatment cycles"). Works on one patient at a time, so memory does not grow with the clinic.
 */
public final class CycleBuilder {
    private static final Comparator<Visit> VISIT_ORDER = Comparator.comparing(Visit::visitDate)
            .thenComparing(Visit::visitId, CodePointOrder.COMPARATOR);

    private final LocalDate asOf;
    private final int followUpDays;
    private final int aeWindowDays;

    public CycleBuilder(LocalDate asOf, int followUpDays, int aeWindowDays) {
        this.asOf = asOf;
        this.followUpDays = followUpDays;
        this.aeWindowDays = aeWindowDays;
    }

    public PatientCycles build(PatientHistory history) {
        List<Session> sessions = sessions(history);
        LocalDate[] starts = new LocalDate[sessions.size()];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = sessions.get(k).date;
        }
        LocalDate lastContact = starts.length == 0 ? null : starts[starts.length - 1];
        int mismatches = 0;
        int withoutCycle = 0;
        for (SymptomRecord record : history.symptoms()) {
            LocalDate date = record.recordedOn();
            if (date.isAfter(asOf)) {
                continue;
            }
            if (lastContact == null || date.isAfter(lastContact)) {
                lastContact = date;
            }
            int k = sessionIndex(starts, date);
            if (k < 0) {
                if (record.kind() != SymptomKind.SCORE) {
                    withoutCycle++;
                }
                continue;
            }
            if (record.kind() == SymptomKind.RELIEF_WEAR_OFF && k > 0 && starts[k].equals(date)) {
                // Patients often return for the next injection the day the benefit is gone.
                k--;
            }
            Session session = sessions.get(k);
            if (record.visitId() != null && !record.visitId().isBlank() && !session.hasVisit(record.visitId().trim())) {
                mismatches++;
            }
            session.add(record);
        }
        List<TreatmentCycle> cycles = new ArrayList<>(sessions.size());
        int wearOffsWithoutOnset = 0;
        for (int k = 0; k < sessions.size(); k++) {
            Session session = sessions.get(k);
            boolean closed = k + 1 < sessions.size();
            boolean lost = !closed && DAYS.between(session.date, asOf) > followUpDays;
            LocalDate end = closed ? starts[k + 1] : lost ? lastContact : asOf;
            LocalDate wearOff = null;
            for (LocalDate candidate : session.wearOffs) {
                if (session.onset == null || candidate.isBefore(session.onset)) {
                    wearOffsWithoutOnset++;
                } else if (wearOff == null || candidate.isBefore(wearOff)) {
                    wearOff = candidate;
                }
            }
            boolean counted = closed || !session.date.plusDays(aeWindowDays).isAfter(asOf);
            cycles.add(new TreatmentCycle(session.date, end, closed, lost,
                    session.siteId(history.patientSiteId()), session.visits, session.onset, wearOff,
                    counted, session.sideEffectTerms()));
        }
        return new PatientCycles(cycles, mismatches, wearOffsWithoutOnset, withoutCycle);
    }

    private List<Session> sessions(PatientHistory history) {
        List<Visit> visits = new ArrayList<>(history.visits().size());
        for (Visit visit : history.visits()) {
            if (!visit.visitDate().isAfter(asOf)) {
                visits.add(visit);
            }
        }
        visits.sort(VISIT_ORDER);
        List<Session> sessions = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= visits.size(); i++) {
            if (i == visits.size() || !visits.get(i).visitDate().equals(visits.get(first).visitDate())) {
                sessions.add(new Session(visits.subList(first, i)));
                first = i;
            }
        }
        return sessions;
    }

    /** The last session starting on or before the date, or -1. */
    private static int sessionIndex(LocalDate[] starts, LocalDate date) {
        int found = Arrays.binarySearch(starts, date);
        return found >= 0 ? found : -found - 2;
    }

    /** The visits of one patient on one date (in order), and the records assigned to the cycle they start. */
    private final class Session {
        final LocalDate date;
        final Visit first;
        final List<Visit> visits;
        final List<LocalDate> wearOffs = new ArrayList<>();
        /** Made with the first term: most cycles have none. */
        TreeSet<String> sideEffectTerms;
        LocalDate onset;

        Session(List<Visit> visits) {
            this.first = visits.get(0);
            this.date = first.visitDate();
            this.visits = visits;
        }

        /** A session is mostly a single visit: a handful of equals beats hashing the ids into a set. */
        boolean hasVisit(String visitId) {
            for (Visit visit : visits) {
                if (visitId.equals(visit.visitId())) {
                    return true;
                }
            }
            return false;
        }

        SortedSet<String> sideEffectTerms() {
            return sideEffectTerms == null ? Collections.emptySortedSet() : sideEffectTerms;
        }

        void add(SymptomRecord record) {
            LocalDate recorded = record.recordedOn();
            switch (record.kind()) {
                case RELIEF_ONSET -> {
                    if (onset == null || recorded.isBefore(onset)) {
                        onset = recorded;
                    }
                }
                case RELIEF_WEAR_OFF -> wearOffs.add(recorded);
                case ADVERSE_EVENT -> {
                    // A closed cycle's records are all before its end already, so only the window's far edge is checked.
                    if (!recorded.isAfter(date.plusDays(aeWindowDays))) {
                        if (sideEffectTerms == null) {
                            sideEffectTerms = new TreeSet<>(CodePointOrder.COMPARATOR);
                        }
                        sideEffectTerms.add(record.term());
                    }
                }
                case SCORE -> {
                    // Scores take part in cycles only as contacts (last contact) and visit-id checks.
                }
            }
        }

        String siteId(String patientSiteId) {
            if (first.siteId() != null && !first.siteId().isBlank()) {
                return first.siteId().trim();
            }
            if (patientSiteId != null && !patientSiteId.isBlank()) {
                return patientSiteId.trim();
            }
            return Limits.DEFAULT_SITE;
        }
    }
}
