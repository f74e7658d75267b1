package org.cdoutcomes.model.record;

import java.util.List;

/**
 * Everything stored about one patient, as analytics consume it: visits sorted by date then visit id
 * (code-point order), symptom records sorted by date. {@code patientSiteId} may be null.
 */
public record PatientHistory(String patientId, String patientSiteId, List<Visit> visits, List<SymptomRecord> symptoms) {
    public PatientHistory {
        visits = List.copyOf(visits);
        symptoms = List.copyOf(symptoms);
    }
}
