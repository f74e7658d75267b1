package org.cdoutcomes.ingest.validate;

/** Why a row was rejected (input-formats.md). */
public enum RejectCode {
    MALFORMED_ROW, MISSING_FIELD, BAD_DATE, FUTURE_DATE, BAD_NUMBER, OUT_OF_RANGE, UNKNOWN_CODE, CONFLICTING_VISIT
}
