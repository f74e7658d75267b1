package org.cdoutcomes.app.generate;

import java.time.LocalDate;

/** What a generation wrote: data rows per file (headers not counted) and how many of them break a rule on purpose. */
public record GenerationSummary(int patients, long patientRows, long visitRows, long symptomRows, long ruleBreakingRows,
                                LocalDate from, LocalDate to) {
    public long rows() {
        return patientRows + visitRows + symptomRows;
    }
}
