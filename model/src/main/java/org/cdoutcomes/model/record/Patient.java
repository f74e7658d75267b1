package org.cdoutcomes.model.record;

import java.time.LocalDate;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Sex;

/** A patient; every field but the id may be null (absent). {@code siteId} null means not given (counts as site {@code main}). */
public record Patient(String patientId, String siteId, Sex sex, Integer birthYear, LocalDate diagnosisDate, CdPattern cdPattern) {
}
