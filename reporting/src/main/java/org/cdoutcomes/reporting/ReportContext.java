package org.cdoutcomes.reporting;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the workbook shows beyond the analysis and the report figures: where the numbers come from, the
 * configuration they were made with, and the ingest counts of the Data quality sheet.
 *
 * @param clinicName           from the configuration (written as text, never as a formula)
 * @param sites                the sites the cohort was restricted to; empty means all sites
 * @param periodLabel          e.g. {@code 2026-Q3}
 * @param suppressBelow        small-cell threshold N: counts 1..N-1 are shown as {@code <N}; 0 turns it off
 * @param muscleGroupOverrides configured muscle (as configured) to group id
 * @param rejectedRows         rejected rows per file and code, from ingest
 * @param warnings             warnings per file and code, from ingest
 * @param notes                what the options did that a reader may not expect, such as why the period holds no
 *                             cycle: one sentence each, shown at the top of the Summary
 */
public record ReportContext(String clinicName, List<String> sites,
                            String periodLabel, LocalDate periodFrom, LocalDate periodTo,
                            LocalDate dataCutoff, LocalDateTime runTime,
                            int suppressBelow, int aeWindowDays, int followUpDays, boolean firstCycleOnly,
                            Map<String, String> muscleGroupOverrides, String softwareVersion,
                            List<IngestCount> rejectedRows, List<IngestCount> warnings, List<String> notes) {
    public ReportContext {
        Objects.requireNonNull(clinicName, "clinicName");
        Objects.requireNonNull(periodLabel, "periodLabel");
        Objects.requireNonNull(periodFrom, "periodFrom");
        Objects.requireNonNull(periodTo, "periodTo");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        if (suppressBelow < 0) {
            throw new IllegalArgumentException("suppressBelow must be 0 (off) or a positive count, was " + suppressBelow);
        }
        sites = List.copyOf(sites);
        // sorted so the Methods sheet lists overrides in a stable order
        muscleGroupOverrides = java.util.Collections.unmodifiableMap(new TreeMap<>(muscleGroupOverrides));
        rejectedRows = List.copyOf(rejectedRows);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** A count of ingest rows of one file with one reject or warning code. */
    public record IngestCount(String file, String code, long rows) {
        public IngestCount {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(code, "code");
        }
    }
}
