package org.cdoutcomes.app.generate;

/**
 * The kinds of row that break a rule of input-formats.md, one per affected patient, so that the
 * demo's Data quality sheet has something to show. Each is an extra row (a typo next to the real
 * records), so rejecting it leaves the clinic's clean history intact. {@link #rejectCode} is the code
 * ingest reports for it.
 */
enum RuleBreak {
    UNKNOWN_MUSCLE("UNKNOWN_CODE"),
    NEGATIVE_DOSE("OUT_OF_RANGE"),
    MISSING_DOSE("MISSING_FIELD"),
    BAD_VISIT_DATE("BAD_DATE"),
    UNKNOWN_PRODUCT("UNKNOWN_CODE"),
    UNKNOWN_SIDE("UNKNOWN_CODE"),
    SCORE_OUT_OF_RANGE("OUT_OF_RANGE"),
    NONEXISTENT_DATE("BAD_DATE"),
    UNKNOWN_TERM("UNKNOWN_CODE"),
    MISSING_KIND("MISSING_FIELD"),
    BAD_NUMBER("BAD_NUMBER"),
    GRADE_OUT_OF_RANGE("OUT_OF_RANGE"),
    MISSING_PATIENT_ID("MISSING_FIELD"),
    BIRTH_YEAR_OUT_OF_RANGE("OUT_OF_RANGE");

    private final String rejectCode;

    RuleBreak(String rejectCode) {
        this.rejectCode = rejectCode;
    }

    String rejectCode() {
        return rejectCode;
    }

    boolean inVisits() {
        return ordinal() <= UNKNOWN_SIDE.ordinal();
    }

    boolean inPatients() {
        return this == BIRTH_YEAR_OUT_OF_RANGE;
    }
}
