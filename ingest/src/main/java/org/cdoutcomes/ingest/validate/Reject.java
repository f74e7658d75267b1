package org.cdoutcomes.ingest.validate;

/** A rejected row: the first rule it breaks. {@code column} is null when the row as a whole is malformed. */
public record Reject(long line, String column, RejectCode code, String message) {
}
