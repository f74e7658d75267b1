package org.cdoutcomes.reporting;

import java.util.List;

import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.reporting.ReportContext.IngestCount;

/** Rejected rows and warnings of ingest by file and code, and the analysis' data-quality notes. */
final class DataQualitySheet {
    private static final int HEADER_ROW = 4;

    private DataQualitySheet() {
    }

    static void write(SheetLayout layout, List<IngestCount> rejected, List<IngestCount> warnings, DataQuality notes) {
        layout.text(0, 0, "Data quality", layout.styles.title);
        layout.text(1, 0, "Rejected rows were not stored; the reject report (CSV) lists each one with its line and "
                + "what was expected.", layout.styles.note);
        layout.text(3, 0, "Rejected rows", layout.styles.section);
        int row = counts(layout, HEADER_ROW, rejected, "No row was rejected.");
        row++;
        layout.text(row++, 0, "Warnings (the rows were stored)", layout.styles.section);
        row = counts(layout, row, warnings, "No warning.");
        row++;
        layout.text(row++, 0, "Data-quality notes of the analysis (all records up to the data cutoff)", layout.styles.section);
        layout.text(row, 0, "Note", layout.styles.header);
        layout.text(row, 1, "What it means", layout.styles.header);
        layout.text(row, 2, "Records", layout.styles.header);
        row++;
        if (notes != null) {
            row = note(layout, row, "VISIT_ID_MISMATCH", "A symptom record names a visit that is not the injection visit "
                    + "its date falls in; the date decides.", notes.visitIdMismatch());
            row = note(layout, row, "WEAR_OFF_WITHOUT_ONSET", "Relief wearing off reported without relief starting "
                    + "before it in the same cycle; ignored.", notes.wearOffWithoutOnset());
            row = note(layout, row, "RECORDS_WITHOUT_CYCLE", "Relief or side-effect records before the patient's first "
                    + "injection, or of a patient with no injection.", notes.recordsWithoutCycle());
        }
        // file names are as long as the paths given to ingest: widen the column to the longest, within reason
        int fileChars = java.util.stream.Stream.concat(rejected.stream(), warnings.stream())
                .mapToInt(count -> count.file().length()).max().orElse(0);
        layout.widths(Math.min(80, Math.max(34, fileChars + 2)), 60, 10);
        layout.printSetup(HEADER_ROW, 2, row - 1);
    }

    private static int counts(SheetLayout layout, int row, List<IngestCount> counts, String none) {
        layout.headers(row, "File", "Code", "Rows");
        row++;
        long total = 0;
        for (IngestCount count : counts) {
            layout.input(row, 0, count.file());
            layout.input(row, 1, count.code());
            layout.count(row, 2, count.rows());
            total += count.rows();
            row++;
        }
        if (counts.isEmpty()) {
            layout.text(row++, 0, none, layout.styles.note);
        } else {
            layout.text(row, 0, "Total", layout.styles.label);
            layout.count(row, 2, total);
            row++;
        }
        return row;
    }

    private static int note(SheetLayout layout, int row, String code, String meaning, long records) {
        layout.text(row, 0, code);
        layout.text(row, 1, meaning, layout.styles.wrapped);
        layout.count(row, 2, records);
        layout.wrapHeight(row, meaning, 60);
        return row + 1;
    }
}
