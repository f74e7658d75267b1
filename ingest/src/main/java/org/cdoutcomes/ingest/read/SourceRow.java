package org.cdoutcomes.ingest.read;

import java.time.LocalDate;
import org.cdoutcomes.model.vocabulary.Codes;

/**
 * One data row as read: its line (CSV: the physical line where it starts; xlsx: the sheet row number) and its
 * cells in header order. {@code dates} holds xlsx date cells and {@code errors} xlsx error cells ({@code #N/A}, whose
 * text is also the cell's), both null for CSV. {@code cellCount} may exceed the header's width (the row then has too
 * many cells); {@code malformed} marks a CSV row whose quote never closed.
 */
public record SourceRow(long line, String[] cells, LocalDate[] dates, String[] errors, int cellCount, boolean malformed) {

    /** A CSV row. */
    public SourceRow(long line, String[] cells, int cellCount) {
        this(line, cells, null, null, cellCount, false);
    }

    public static SourceRow malformed(long line) {
        return new SourceRow(line, new String[0], null, null, 0, true);
    }

    public String cell(int index) {
        return index >= 0 && index < cells.length ? cells[index] : null;
    }

    public LocalDate dateCell(int index) {
        return dates != null && index >= 0 && index < dates.length ? dates[index] : null;
    }

    /** The spreadsheet error an xlsx cell holds instead of a value ({@code #N/A}, {@code #REF!}), else null. */
    public String errorCell(int index) {
        return errors != null && index >= 0 && index < errors.length ? errors[index] : null;
    }

    /** A row whose every cell is empty or spaces: skipped, not counted. */
    public boolean blank() {
        if (malformed) {
            return false;
        }
        for (String cell : cells) {
            if (cell != null && !Codes.isBlank(cell)) {
                return false;
            }
        }
        return dates == null || java.util.Arrays.stream(dates).allMatch(java.util.Objects::isNull);
    }
}
