package org.cdoutcomes.model.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * A symptom record. {@code term} is the canonical id of an {@code AdverseEventTerm} or {@code ScoreTerm}
 * (null for relief records); {@code value} is a score or an adverse event's grade, or null.
 * {@code recordId}, {@code visitId} and {@code source} may be null.
 */
public record SymptomRecord(String recordId, String patientId, LocalDate recordedOn, SymptomKind kind, String term,
                            BigDecimal value, String visitId, Source source) {
}
