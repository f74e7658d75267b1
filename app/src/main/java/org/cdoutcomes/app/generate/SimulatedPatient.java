package org.cdoutcomes.app.generate;

import java.time.LocalDate;
import java.util.List;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * What happened to one patient, as the clinic recorded it but before anyone typed it into an export.
 * Days are epoch days; null fields were not recorded. Symptoms are in the order they were simulated.
 */
record SimulatedPatient(int index, String number, String siteId, Sex sex, Integer birthYear, LocalDate diagnosisDate,
                        CdPattern cdPattern, List<Session> sessions, List<Symptom> symptoms) {

    String patientId() {
        return "CD-" + number;
    }

    /** One injection session (one visit id). {@code siteId} and {@code guidance} may be null. */
    record Session(String visitId, int day, Product product, String siteId, Guidance guidance, List<Injection> injections) {
    }

    record Injection(Muscle muscle, Side side, int doseUnits) {
    }

    /**
     * A symptom record. {@code term} is a canonical id or null; {@code value} is a score or grade, or
     * {@link #NO_VALUE}; {@code session} is the index of the session whose cycle it belongs to, or -1.
     */
    record Symptom(int day, SymptomKind kind, String term, int value, int session) {
        static final int NO_VALUE = Integer.MIN_VALUE;
    }
}
