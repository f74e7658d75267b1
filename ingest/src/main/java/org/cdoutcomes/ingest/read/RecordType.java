package org.cdoutcomes.ingest.read;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The three kinds of input file, with their columns in the order of input-formats.md. */
public enum RecordType {
    PATIENTS("patients", List.of("patient_id", "site_id", "sex", "birth_year", "diagnosis_date", "cd_pattern"),
            Set.of("patient_id")),
    VISITS("visits", List.of("visit_id", "patient_id", "visit_date", "product", "muscle", "side", "dose_units", "guidance", "site_id"),
            Set.of("visit_id", "patient_id", "visit_date", "product", "muscle", "side", "dose_units")),
    SYMPTOMS("symptoms", List.of("record_id", "patient_id", "recorded_on", "kind", "term", "value", "visit_id", "source"),
            Set.of("patient_id", "recorded_on", "kind"));

    private final String id;
    private final List<String> columns;
    private final Set<String> requiredColumns;

    RecordType(String id, List<String> columns, Set<String> requiredColumns) {
        this.id = id;
        this.columns = columns;
        this.requiredColumns = requiredColumns;
    }

    public String id() {
        return id;
    }

    /** Every column this type knows, in the order of the spec (also the order of the staging table's data columns). */
    public List<String> columns() {
        return columns;
    }

    /** Columns the header must have; the file is unreadable without them. */
    public Set<String> requiredColumns() {
        return requiredColumns;
    }

    public static RecordType byId(String id) {
        for (RecordType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no record type " + id);
    }

    /**
     * The type a file name announces: it starts with patients, visits or symptoms (any case) and ends in .csv or .xlsx
     * (input-formats.md); any other name leaves the type to the header.
     */
    public static Optional<RecordType> byFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
            return Optional.empty();
        }
        for (RecordType type : values()) {
            if (name.startsWith(type.id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type a header reveals by the columns only that type has; empty when it names none of them. */
    public static Optional<RecordType> byHeader(Set<String> normalizedNames) {
        if (normalizedNames.contains("visit_date") || normalizedNames.contains("muscle") || normalizedNames.contains("dose_units")) {
            return Optional.of(VISITS);
        }
        if (normalizedNames.contains("recorded_on") || normalizedNames.contains("kind") || normalizedNames.contains("record_id")) {
            return Optional.of(SYMPTOMS);
        }
        if (normalizedNames.contains("patient_id") && !normalizedNames.contains("visit_id")) {
            return Optional.of(PATIENTS);
        }
        return Optional.empty();
    }

    public static boolean isInputFileName(String fileName) {
        return byFileName(fileName).isPresent();
    }
}
