package org.cdoutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.cdoutcomes.ingest.read.TestWorkbooks.inline;
import static org.cdoutcomes.ingest.read.TestWorkbooks.writeWorkbook;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.ingest.read.TestWorkbooks;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable files of every kind, and xlsx workbooks. */
class InputFilesIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void unreadableFilesFailWithTheirReasonAndTheOtherFilesAreStillIngested() throws Exception {
        Path good = dir.resolve("patients.csv");
        Files.writeString(good, "patient_id\nP1\n");
        Path binary = dir.resolve("visits-binary.csv");
        Files.write(binary, new byte[] {'v', 'i', 's', 'i', 't', '_', 'i', 'd', '\n', 0, 1, 2, 3});
        Path latin1 = dir.resolve("patients-latin1.csv");
        Files.write(latin1, "patient_id,site_id\nP2,Zürich\n".getBytes(StandardCharsets.ISO_8859_1));
        // Excel's "Unicode Text": UTF-16, little-endian, with its byte order mark
        Path utf16 = dir.resolve("patients-utf16.csv");
        byte[] text = "patient_id\nP6\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[text.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(text, 0, marked, 2, text.length);
        Files.write(utf16, marked);
        Path empty = dir.resolve("symptoms-empty.csv");
        Files.writeString(empty, "");
        Path missingColumn = dir.resolve("visits-short.csv");
        Files.writeString(missingColumn, "visit_id,patient_id,visit_date,product,muscle,side\nV1,P3,2025-01-02,Botox,SCM,L\n");
        Path notWorkbook = dir.resolve("symptoms.xlsx");
        Files.writeString(notWorkbook, "this is not a workbook");
        Path zipBomb = dir.resolve("visits-bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipBomb))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        // A workbook as openpyxl writes one (inline strings); OOXML escapes characters XML cannot carry as _xHHHH_.
        Path nulCell = writeWorkbook(dir.resolve("patients-nul.xlsx"), "", "<row r=\"1\">" + inline("A1", "patient_id") + "</row>"
                + "<row r=\"2\">" + inline("A2", "P4") + "</row><row r=\"3\">" + inline("A3", "P_x0000_5") + "</row>");
        // Classic Mac line ends (CR alone): the file would be one header line naming the rows' values as columns.
        Path crOnly = dir.resolve("patients-mac.csv");
        Files.writeString(crOnly, "patient_id,sex\rP9,F\rP10,M\r");
        Path unknownHeader = dir.resolve("export.csv");
        Files.writeString(unknownHeader, "colour,size\nred,2\n");
        Path missing = dir.resolve("visits-missing.csv");
        Path emptyWorkbook = Files.writeString(dir.resolve("visits-empty.xlsx"), "");
        // Excel's "Strict Open XML Spreadsheet": its parts' relationships are of another namespace
        Path strict = dir.resolve("visits-strict.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(strict))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
                    + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                    + "ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                    + "Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"/>".getBytes(StandardCharsets.UTF_8));
        }
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_unreadable")) {
            IngestOutcome outcome = ctx.ingest(good, binary, latin1, utf16, empty, missingColumn, notWorkbook, zipBomb, nulCell, crOnly,
                    unknownHeader, missing, emptyWorkbook, strict);
            assertTrue(outcome.completed());
            assertTrue(outcome.anyFileFailed());
            Map<String, String> failures = outcome.files().stream().filter(FileResult::failed)
                    .collect(Collectors.toMap(f -> Path.of(f.file()).getFileName().toString(), FileResult::failure));
            assertEquals("it is UTF-16 text, not UTF-8 (save it as CSV UTF-8)", failures.remove("patients-utf16.csv"));
            assertEquals("it is empty", failures.remove("visits-empty.xlsx"));
            assertEquals("it is saved as Strict Open XML Spreadsheet, which cdo cannot read: save it as Excel Workbook (.xlsx)",
                    failures.remove("visits-strict.xlsx"));
            assertEquals(Map.of(
                    "visits-binary.csv", "it is not a CSV text file (it contains binary data)",
                    "patients-latin1.csv", "it is not UTF-8 text (save it as CSV UTF-8)",
                    "symptoms-empty.csv", "it is empty (no header line)",
                    "visits-short.csv", "its header lacks the required column dose_units of a visits file",
                    "symptoms.xlsx", "it is named .xlsx but is not an xlsx workbook",
                    "visits-bomb.xlsx", "it looks like a zip bomb (it expands far more than a workbook does)",
                    "patients-nul.xlsx", "its cell A3 holds a NUL character (_x0000_)",
                    "patients-mac.csv", "its lines end in a carriage return alone (an old Mac format); save it with LF or CRLF line ends",
                    "export.csv", "its header is not that of a patients, visits or symptoms file (and its name does not say which)",
                    "visits-missing.csv", "it does not exist"), failures);
            // nothing of a failed file is stored, not even its readable rows
            assertEquals(List.of("P1|main|null|null|null|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(0)));
            assertEquals(0L, ctx.jdbc.queryForObject("select count(*) from ingest_reject where run_id = ?", Long.class, outcome.runId()));
            assertEquals(List.of(1L, 1L), outcome.files().stream().filter(f -> !f.failed()).map(f -> List.of(f.read(), f.inserted()))
                    .findFirst().orElseThrow());
        }
    }

    /**
     * A folder without exports showed "empty: 0 rows, 0 rows/s, 100% of the file", and a file that could not be read to its
     * end "100% of the file" too: progress is of files read, and the share of the file only when it was read whole.
     */
    @Test
    void progressShowsTheFilesReadAndTheShareOnlyOfAFileReadWhole() throws Exception {
        Path good = Files.writeString(dir.resolve("patients.csv"), "patient_id\nP1\nP2\n");
        Path binary = Files.write(dir.resolve("visits.csv"), new byte[] {'v', 'i', 's', 'i', 't', '_', 'i', 'd', '\n', 0, 1, 2, 3});
        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<String> shown = new ArrayList<>();
        IngestProgress progress = (file, rows, share, done) -> {
            if (done) {
                shown.add(Path.of(file).getFileName() + " " + rows + " " + share);
            }
        };
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_progress")) {
            IngestOutcome outcome = ctx.ingest(null, progress, empty, good, binary);
            assertEquals(3, outcome.files().size());
        }
        assertEquals(List.of("patients.csv 2 1.0", "visits.csv 0 NaN"), shown);
    }

    /** Values PostgreSQL would refuse (there is no year 0; numeric has its limits) are the row's reject, not the run's failure. */
    /**
     * A name announces a type only with .csv or .xlsx (input-formats.md: "recognised the same way, or else by its
     * header"): visits.txt holding patients is read as patients.
     */
    @Test
    void aNamedFileWithAnotherExtensionIsRecognisedByItsHeader() throws Exception {
        Path patients = dir.resolve("visits.txt");
        Files.writeString(patients, "patient_id,sex\nP1,F\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_txt")) {
            IngestOutcome outcome = ctx.ingest(patients);
            assertFalse(outcome.anyFileFailed(), outcome::toString);
            assertEquals("patients", outcome.files().get(0).recordType());
            assertEquals(List.of("P1|main|F|null|null|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(0)));
        }
    }

    @Test
    void valuesTheDatabaseCouldNotHoldAreRejectedRows() throws Exception {
        Path visits = dir.resolve("visits.csv");
        Files.writeString(visits, "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n"
                + "V1,P1,0000-01-01,Botox,SCM,L,10\n"
                + "V2,P1,2025-01-01,Botox,SCM,L,1" + "0".repeat(1_000) + "\n"
                + "V3,P1,2025-02-01,Botox,SCM,L,0." + "0".repeat(20_000) + "1\n"
                + "V4,P1,2025-03-01,Botox,SCM,L,10\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_unstorable")) {
            IngestOutcome outcome = ctx.ingest(visits);
            assertTrue(outcome.completed());
            assertFalse(outcome.anyFileFailed());
            assertEquals(List.of("2:visit_date:BAD_DATE", "3:dose_units:BAD_NUMBER", "4:dose_units:BAD_NUMBER"), ctx.jdbc.queryForList(
                    "select line || ':' || column_name || ':' || code from ingest_reject where run_id = ? order by line",
                    String.class, outcome.runId()));
            assertEquals(List.of("V4|P1|2025-03-01|onabotulinumtoxinA|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(1)));
        }
    }

    @Test
    void xlsxFirstSheetWithDateCellsAndTextDates() throws Exception {
        Path workbook = dir.resolve("dose charts 2025.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            Sheet sheet = wb.createSheet("dose charts");
            String[] header = {"Visit_ID", "patient_id", "visit_date", "product", "muscle", "side", "dose_units", "notes"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            Row r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("V1");
            r1.createCell(1).setCellValue(12345);          // a numeric patient id
            r1.createCell(2).setCellValue(LocalDate.of(2025, 3, 4));
            r1.getCell(2).setCellStyle(dateStyle);
            r1.createCell(3).setCellValue("Xeomin");
            r1.createCell(4).setCellValue("Upper Trapezius");
            r1.createCell(5).setCellValue("B");
            r1.createCell(6).setCellValue(37.5);
            // row 3 (index 2) left empty: a blank row is skipped
            Row r3 = sheet.createRow(3);
            r3.createCell(0).setCellValue("V2");
            r3.createCell(1).setCellValue("P2");
            r3.createCell(2).setCellValue("2025-03-05");       // a text date
            r3.createCell(3).setCellValue("Dysport");
            r3.createCell(4).setCellValue("SCM");
            r3.createCell(5).setCellValue("L");
            r3.createCell(6).setCellValue(100);
            Row r4 = sheet.createRow(4);
            r4.createCell(0).setCellValue("V3");
            r4.createCell(1).setCellValue("P2");
            r4.createCell(2).setCellValue("2025-02-30");
            r4.createCell(3).setCellValue("Dysport");
            r4.createCell(4).setCellValue("SCM");
            r4.createCell(5).setCellValue("L");
            r4.createCell(6).setCellValue(100);
            Row r5 = sheet.createRow(5);
            for (int i = 0; i < 9; i++) {
                r5.createCell(i).setCellValue("x");
            }
            wb.createSheet("ignored").createRow(0).createCell(0).setCellValue("not read");
            wb.write(out);
        }
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_xlsx")) {
            IngestOutcome outcome = ctx.ingest(workbook);
            FileResult result = outcome.files().get(0);
            assertEquals("visits", result.recordType(), "recognised by its header");
            assertEquals(List.of(4L, 2L, 2L, 1L), List.of(result.read(), result.inserted(), result.rejected(), result.warnings()));
            assertEquals(List.of("5:visit_date:BAD_DATE", "6:null:MALFORMED_ROW"), ctx.jdbc.queryForList(
                    "select line || ':' || coalesce(column_name, 'null') || ':' || code from ingest_reject where run_id = ? order by line",
                    String.class, outcome.runId()));
            Map<String, List<String>> records = ctx.records();
            assertEquals(List.of("V1|12345|2025-03-04|incobotulinumtoxinA|null", "V2|P2|2025-03-05|abobotulinumtoxinA|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(1)));
            assertEquals(List.of("V1|trapezius|bilateral|37.5|null", "V2|sternocleidomastoid|left|100|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(2)));
            IngestOutcome dayFirst = ctx.ingest("dd/MM/yyyy", workbook);
            assertEquals(3L, dayFirst.files().get(0).rejected(), "with --date-format the text date 2025-03-05 no longer parses; date cells still do");
        }
    }

    /**
     * A symptoms workbook as a clinic's lookups leave one: its header on sheet row 3 (a row of spaces above) with a column cdo does not use
     * (the warning names row 3), error cells where a lookup found nothing (rows rejected, not stored under the record
     * id or patient "#N/A", where three rows would have replaced one another), a date cell written as ISO text with a
     * time (openpyxl), and a patient id typed 00123 that Excel keeps as the number 123 formatted 00000.
     */
    @Test
    void xlsxErrorCellsIsoDateCellsAndZeroPaddedIds() throws Exception {
        String styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"00000\"/></numFmts>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>";
        String header = Stream.of("record_id", "patient_id", "recorded_on", "kind", "term", "value", "note")
                .map(name -> inline(null, name)).collect(Collectors.joining());
        String lookupFailed = "<c t=\"e\"><f>VLOOKUP(Z1,Y:Y,1,0)</f><v>#N/A</v></c>";
        Path workbook = TestWorkbooks.writeWorkbook(dir.resolve("symptoms.xlsx"), "", null, styles,
                "<row r=\"1\">" + inline("A1", " ") + "</row><row r=\"3\">" + header + "</row>"
                + "<row r=\"4\">" + lookupFailed + inline(null, "SP1") + inline(null, "2025-03-01") + inline(null, "score")
                + inline(null, "pain_nrs") + "<c><v>4</v></c></row>"
                + "<row r=\"5\">" + lookupFailed + inline(null, "SP2") + inline(null, "2025-03-02") + inline(null, "score")
                + inline(null, "pain_nrs") + "<c><v>5</v></c></row>"
                + "<row r=\"6\">" + inline(null, "R3") + lookupFailed + inline(null, "2025-03-03") + inline(null, "score")
                + inline(null, "pain_nrs") + "<c><v>6</v></c></row>"
                + "<row r=\"7\">" + inline(null, "R4") + "<c s=\"2\"><v>123</v></c><c t=\"d\" s=\"1\"><v>2025-03-04T10:30:00</v></c>"
                + inline(null, "adverse_event") + inline(null, "dysphagia") + "</row>");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_xlsx_errors")) {
            IngestOutcome outcome = ctx.ingest(workbook);
            assertFalse(outcome.anyFileFailed());
            assertEquals(List.of("4:record_id:MISSING_FIELD", "5:record_id:MISSING_FIELD", "6:patient_id:MISSING_FIELD"),
                    ctx.jdbc.queryForList("select line || ':' || column_name || ':' || code from ingest_reject where run_id = ? order by line",
                            String.class, outcome.runId()));
            assertEquals(List.of("3:UNKNOWN_COLUMN"), ctx.jdbc.queryForList(
                    "select line || ':' || code from ingest_warning where run_id = ?", String.class, outcome.runId()));
            assertEquals(List.of("R4|00123|2025-03-04|adverse_event|dysphagia|null|null|null"),
                    ctx.records().get(IngestTestContext.RECORD_TABLES.get(3)));
            assertEquals(List.of("00123|main|null|null|null|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(0)));
        }
    }

    /**
     * A workbook whose dates count from 1904 (an Excel for Mac setting) and whose rows and cells leave out their
     * references, as the schema allows (the row after the previous one, the cell right of the previous one). Serial
     * 44209 is 2025-01-14 counted from 1904 (45671 from 1900, less the 1,462 days between the two systems).
     */
    @Test
    void xlsxDatesFrom1904AndRowsAndCellsWithoutReferences() throws Exception {
        String header = Stream.of("visit_id", "patient_id", "visit_date", "product", "muscle", "side", "dose_units")
                .map(name -> inline(null, name)).collect(Collectors.joining());
        Path workbook = writeWorkbook(dir.resolve("visits-mac.xlsx"), "<workbookPr date1904=\"1\"/>",
                "<row>" + header + "</row>"
                + "<row>" + inline(null, "V1") + inline(null, "P1") + "<c s=\"1\"><v>44209</v></c>" + inline(null, "Botox")
                + inline(null, "SCM") + inline(null, "L") + "<c><v>50</v></c></row>"
                // row 5 after a gap; its cells from A on, then G named (F, the side, absent), so the row lacks its side
                + "<row r=\"5\">" + inline(null, "V2") + inline(null, "P1") + "<c s=\"1\"><v>44300</v></c>" + inline(null, "Botox")
                + inline(null, "SCM") + "<c r=\"G5\"><v>60</v></c></row>"
                // row 6: its first cell named, the others after it
                + "<row>" + inline("A6", "V3") + inline(null, "P1") + inline(null, "2025-05-01") + inline(null, "Botox")
                + inline(null, "trap") + inline(null, "R") + "<c><v>40</v></c></row>"
                // row 7: text only beyond the header is no blank row but one with too many cells
                + "<row>" + inline("J7", "stray") + "</row>");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_xlsx_1904")) {
            IngestOutcome outcome = ctx.ingest(workbook);
            assertFalse(outcome.anyFileFailed());
            assertEquals(List.of("5:side:MISSING_FIELD", "7:null:MALFORMED_ROW"), ctx.jdbc.queryForList(
                    "select line || ':' || coalesce(column_name, 'null') || ':' || code from ingest_reject where run_id = ? order by line",
                    String.class, outcome.runId()));
            assertEquals(List.of("V1|P1|2025-01-14|onabotulinumtoxinA|null", "V3|P1|2025-05-01|onabotulinumtoxinA|null"),
                    ctx.records().get(IngestTestContext.RECORD_TABLES.get(1)));
            assertEquals(List.of("V1|sternocleidomastoid|left|50|null", "V3|trapezius|right|40|null"),
                    ctx.records().get(IngestTestContext.RECORD_TABLES.get(2)));
        }
    }
}
