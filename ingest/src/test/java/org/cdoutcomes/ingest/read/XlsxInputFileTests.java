package org.cdoutcomes.ingest.read;

import static org.cdoutcomes.ingest.read.TestWorkbooks.inline;
import static org.cdoutcomes.ingest.read.TestWorkbooks.writeWorkbook;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxInputFileTests {
    @TempDir
    Path dir;

    /**
     * Text as Excel stores it: in the shared strings part, which cells name by index. An item may be split into
     * formatted runs (read as their text joined), carry a phonetic run (a reading aid Japanese Excel adds to what was
     * typed through an input method: not part of the cell's text) and escape characters as _xHHHH_.
     */
    @Test
    void sharedStringsReadAsTheTextOfTheirCells() throws Exception {
        String items = "<si><t>patient_id</t></si><si><t>site_id</t></si><si><t>sex</t></si>"
                + "<si><r><t>CD-</t></r><r><rPr><b/></rPr><t>0042</t></r></si>"
                + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"0\"/></si>"
                + "<si><t>_x0046_</t></si>"
                + "<si><t xml:space=\"preserve\"> north </t></si>";
        Path workbook = writeWorkbook(dir.resolve("patients.xlsx"), "", items,
                "<row r=\"1\">" + shared("A1", 0) + shared("B1", 1) + shared("C1", 2) + "</row>"
                + "<row r=\"2\">" + shared("A2", 3) + shared("B2", 4) + shared("C2", 5) + "</row>"
                + "<row r=\"3\">" + shared("A3", 3) + shared("B3", 6) + "</row>");
        assertEquals(List.of("1:patient_id|site_id|sex", "2:[CD-0042, 東京, F]", "3:[CD-0042,  north ]"), read(workbook));
    }

    /** What the reader passes on: the header with its line, then each row's line, cells and (where any) dates and errors. */
    private static List<String> read(Path workbook) throws Exception {
        List<String> read = new ArrayList<>();
        new XlsxInputFile(workbook).read(new RowSink() {
            @Override
            public void header(long line, List<String> names) {
                read.add(line + ":" + String.join("|", names));
            }

            @Override
            public void row(SourceRow row) {
                StringBuilder text = new StringBuilder(row.line() + ":" + Arrays.toString(row.cells()));
                for (int i = 0; i < row.cellCount(); i++) {
                    if (row.dateCell(i) != null) {
                        text.append(" date ").append(i).append('=').append(row.dateCell(i));
                    }
                    if (row.errorCell(i) != null) {
                        text.append(" error ").append(i).append('=').append(row.errorCell(i));
                    }
                }
                read.add(text.toString());
            }
        });
        return read;
    }

    /**
     * Cells as Excel shows them and exports them to CSV: an error cell (a formula's, with POI's "ERROR:" prefix gone)
     * marked as one; an ISO date cell (t="d", as openpyxl writes dates) a date without its time, also as text; a number formatted
     * 00000 zero-padded (an id typed 00123); a fraction at 15 significant digits (0.1+0.2 is 0.3, not
     * 0.30000000000000004); serials 0 (0/1/1900) and 60 (1900-02-29, which never was) no dates; phonetic runs of an
     * inline string left out, as in shared strings; ISO date cells of the year 0 or before no dates but their text
     * (BAD_DATE for the validator: as dates, COPY refused them and failed the whole run).
     */
    @Test
    void cellsReadAsExcelShowsThem() throws Exception {
        String styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"00000\"/></numFmts>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>";
        Path workbook = TestWorkbooks.writeWorkbook(dir.resolve("visits.xlsx"), "", null, styles,
                "<row r=\"1\">" + inline("A1", "patient_id") + inline("B1", "visit_date") + inline("C1", "dose_units") + "</row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"e\"><f>VLOOKUP(Z2,Y:Y,1,0)</f><v>#N/A</v></c>"
                + "<c r=\"B2\" t=\"d\" s=\"1\"><v>2025-03-04T10:30:00</v></c><c r=\"C2\"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"2\"><v>123</v></c><c r=\"B3\" t=\"d\"><v>2025-03-05</v></c>"
                + "<c r=\"C3\" t=\"e\"><v>#DIV/0!</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>P17</t><rPh sb=\"0\" eb=\"3\"><t>ピー</t></rPh></is></c>"
                + "<c r=\"B4\" s=\"1\"><v>60</v></c></row>"
                + "<row r=\"5\"><c r=\"A5\" s=\"2\"><v>1234567</v></c><c r=\"B5\" s=\"1\"><v>0</v></c><c r=\"C5\"><v>0.5</v></c></row>"
                + "<row r=\"6\"><c r=\"A6\"><v>123456789012</v></c><c r=\"B6\" s=\"1\"><v>61</v></c></row>"
                + "<row r=\"7\"><c r=\"A7\" t=\"d\"><v>2025-03-05T00:00:00</v></c><c r=\"C7\"><v>12.345678901234567</v></c></row>"
                + "<row r=\"8\"><c r=\"A8\" t=\"d\"><v>-5000-01-01</v></c><c r=\"B8\" t=\"d\"><v>0000-12-31T08:00:00</v></c></row>");
        assertEquals(List.of("1:patient_id|visit_date|dose_units",
                "2:[#N/A, 2025-03-04, 0.3] error 0=#N/A date 1=2025-03-04",
                "3:[00123, 2025-03-05, #DIV/0!] date 1=2025-03-05 error 2=#DIV/0!",
                "4:[P17, 60]",
                "5:[1234567, 0, 0.5]",
                "6:[123456789012, 1900-03-01] date 1=1900-03-01",
                "7:[2025-03-05, null, 12.3456789012346] date 0=2025-03-05",
                "8:[-5000-01-01, 0000-12-31T08:00:00]"), read(workbook));
    }

    /**
     * The header's line is its sheet row (blank rows may come first). A cell holding only spaces right of the header
     * in a row is not one of its cells (nothing shows it); text there is a cell too many. A header cell of spaces is a
     * column, as in CSV: the notes under it are the row's.
     */
    @Test
    void theHeaderIsWhereItStandsAndBlankCellsRightOfItCountForNothing() throws Exception {
        Path workbook = writeWorkbook(dir.resolve("patients.xlsx"), "",
                "<row r=\"2\">" + inline("A2", " ") + "</row>"
                + "<row r=\"3\">" + inline("A3", "patient_id") + inline("B3", "sex") + inline("D3", " ") + "</row>"
                + "<row r=\"4\">" + inline("A4", "P1") + inline("B4", "F") + inline("F4", "  ") + "</row>"
                + "<row r=\"5\">" + inline("A5", "P2") + inline("D5", "note") + "</row>"
                + "<row r=\"6\">" + inline("A6", "P3") + inline("E6", "x") + "</row>");
        List<String> read = read(workbook);
        assertEquals(List.of("3:patient_id|sex|| ", "4:[P1, F, null, null]", "5:[P2, null, null, note]", "6:[P3, null, null, null, x]"), read);
    }

    /**
     * A workbook without a styles part (some writers leave it out) keeps numbers in the sheet's notation, which the
     * sheet handler passes on as they are: read as numbers like any other (1.5E2 is 150, 0.1+0.2 is 0.3). Whole numbers
     * keep every digit (ids of 16 digits, as a program writes them exactly, stay apart), with a style or without.
     */
    @Test
    void numbersOfAWorkbookWithoutStylesAreReadAsNumbers() throws Exception {
        Path workbook = TestWorkbooks.writeWorkbook(dir.resolve("visits.xlsx"), "", null, null,
                "<row r=\"1\">" + inline("A1", "visit_id") + inline("B1", "dose_units") + "</row>"
                + "<row r=\"2\"><c r=\"A2\"><v>1.0E5</v></c><c r=\"B2\"><v>1.5E2</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\"><v>1234567890123456</v></c><c r=\"B3\" t=\"n\"><v>0.30000000000000004</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\"><v>1234567890123457</v></c><c r=\"B4\"><v>2.5e-1</v></c></row>");
        assertEquals(List.of("1:visit_id|dose_units", "2:[100000, 150]", "3:[1234567890123456, 0.3]", "4:[1234567890123457, 0.25]"),
                read(workbook));
        Path styled = writeWorkbook(dir.resolve("patients.xlsx"), "",
                "<row r=\"1\">" + inline("A1", "patient_id") + "</row><row r=\"2\"><c r=\"A2\" s=\"0\"><v>1234567890123456</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"0\"><v>1234567890123457</v></c></row>");
        assertEquals(List.of("1:patient_id", "2:[1234567890123456]", "3:[1234567890123457]"), read(styled));
    }

    private static String shared(String reference, int index) {
        return "<c r=\"" + reference + "\" t=\"s\"><v>" + index + "</v></c>";
    }
}
