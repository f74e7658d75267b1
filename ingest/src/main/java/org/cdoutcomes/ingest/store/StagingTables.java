package org.cdoutcomes.ingest.store;

import java.util.List;
import java.util.stream.Collectors;
import org.cdoutcomes.ingest.read.RecordType;

/**
 * A run's staging tables, one per record type: every non-blank row of every staged file, either with its canonical
 * values or with the reason it was rejected. Plain (logged) tables, so a restarted run still finds what it staged.
 */
public final class StagingTables {
    static final List<String> META_COLUMNS = List.of("file_no", "line", "reject_code", "reject_column", "reject_message");

    private StagingTables() {
    }

    public static String name(RecordType type, long runId) {
        return "stage_" + type.id() + "_r" + runId;
    }

    static String createSql(RecordType type, long runId) {
        String data = type.columns().stream().map(c -> c + " " + sqlType(c)).collect(Collectors.joining(", "));
        return "create table if not exists " + name(type, runId)
                + " (file_no integer not null, line bigint not null, reject_code text, reject_column text, reject_message text, "
                + data + ")";
    }

    static String copySql(RecordType type, long runId) {
        return "copy " + name(type, runId) + " (" + String.join(", ", META_COLUMNS) + ", " + String.join(", ", type.columns())
                + ") from stdin";
    }

    private static String sqlType(String column) {
        return switch (column) {
            case "visit_date", "recorded_on", "diagnosis_date" -> "date";
            case "dose_units", "value" -> "numeric";
            case "birth_year" -> "integer";
            // as the record tables (V7): grouped and joined with them by sorting, which "C" makes cheaper
            default -> "text collate \"C\"";
        };
    }
}
