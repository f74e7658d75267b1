package org.cdoutcomes.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandIntegrationTests {
    @TempDir
    Path dir;

    /** A workbook ingests without a word on stderr (POI warned about cdo's zip-bomb limit on every workbook). */
    @Test
    void aWorkbookIngestsQuietly() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.fresh("cdo_ingest_xlsx"));
        Path workbook = dir.resolve("patients.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
            var sheet = wb.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("patient_id");
            sheet.createRow(1).createCell(0).setCellValue("P1");
            wb.write(out);
        }

        CdoRun run = CdoRun.of("ingest", "--db", url, workbook.toString(), "--rejects", dir.resolve("rejects.csv").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("0 rows rejected"), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void rejectedRowsExitZeroAndAFailedFileExitsOne() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.fresh("cdo_ingest_command"));
        Files.writeString(dir.resolve("visits.csv"), "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n"
                + "V1,SECRET-PATIENT,2025-01-02,Botox,SCM,L,20\nV2,SECRET-PATIENT,2025-01-02,Botox,SCM,L,0\n");
        Path rejects = dir.resolve("out/rejects.csv");

        CdoRun ok = CdoRun.of("ingest", "--db", url, dir.toString(), "--rejects", rejects.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("1 row rejected; reject report: " + rejects.toAbsolutePath()), ok.out());
        assertEquals(List.of("file,line,column,code,message",
                        dir.resolve("visits.csv") + ",3,dose_units,OUT_OF_RANGE,The dose in column dose_units must be more than 0 units."),
                Files.readAllLines(rejects));

        CdoRun failed = CdoRun.of("ingest", "--db", url, dir.resolve("visits.csv").toString(), dir.resolve("symptoms.csv").toString(),
                "--rejects", rejects.toString());
        assertEquals(1, failed.exitCode());
        assertTrue(failed.err().contains("cannot read " + dir.resolve("symptoms.csv") + ": it does not exist."), failed.err());
        // exit 1, and what to do, which is not cdo restart
        assertTrue(failed.err().contains("Once they are mended, ingest them again (a new run: this one has completed)."), failed.err());
        assertFalse(ok.err().contains("ingest them again"), ok.err());
        assertTrue(!failed.out().contains("SECRET") && !failed.err().contains("SECRET"), "no patient id in any output");

        // newest first: job, status, read, written (inserted + updated), skipped (rejected), message
        CdoRun jobs = CdoRun.of("jobs", "--db", url);
        assertEquals(List.of(
                        List.of("ingest", "COMPLETED", "2", "0", "1", "1 of 2 files could not be read"),  // V1 unchanged, V2 rejected
                        List.of("ingest", "COMPLETED", "2", "1", "1", "")),                                // V1 inserted, V2 rejected
                jobs.out().lines().skip(1).map(IngestCommandIntegrationTests::jobColumns).toList(), jobs::toString);
        // the run (which names the reject report) and the job execution that cdo jobs lists and cdo restart takes
        String newest = jobs.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertEquals("ingest run 2 (job execution " + newest + " in cdo jobs)", failed.out().lines().findFirst().orElseThrow());
    }

    /**
     * A file whose dates are in another format than the one asked for loses most rows to BAD_DATE: the ingest says which
     * option would read them. A few slips among good dates are no such file.
     */
    @Test
    void aFileOfDatesInAnotherFormatSuggestsTheDateFormatOption() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.fresh("cdo_ingest_date_format"));
        StringBuilder dayFirst = new StringBuilder("visit_id,patient_id,visit_date,product,muscle,side,dose_units\n");
        StringBuilder slips = new StringBuilder("patient_id,diagnosis_date\n");
        for (int i = 1; i <= 12; i++) {
            dayFirst.append("V").append(i).append(",P").append(i).append(",").append(String.format("%02d", i)).append("/03/2025,Botox,SCM,L,20\n");
            slips.append("P").append(i).append(",").append(i <= 10 ? "2020-01-0" + (i % 9 + 1) : "3/1/2020").append("\n");
        }
        Path visits = Files.writeString(dir.resolve("visits.csv"), dayFirst);
        Path patients = Files.writeString(dir.resolve("patients.csv"), slips);

        CdoRun run = CdoRun.of("ingest", "--db", url, visits.toString(), patients.toString(), "--rejects", dir.resolve("r.csv").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Note: 12 of the 12 rows of " + visits + " have a date not written as yyyy-MM-dd: if its "
                + "dates are written otherwise, ingest it again with --date-format (such as --date-format dd/MM/yyyy)."), run::toString);
        assertFalse(run.err().contains(patients.toString()), "2 slips among 12 rows: " + run.err());
        CdoRun read = CdoRun.of("ingest", "--db", url, visits.toString(), "--date-format", "dd/MM/yyyy", "--rejects",
                dir.resolve("r2.csv").toString());
        assertTrue(read.out().contains("0 rows rejected"), read::toString);
        assertEquals("", read.err(), read::toString);
    }

    /** A run that fails says why in one sentence, on stderr and in cdo jobs, without a stack trace. */
    @Test
    void aFailedRunSaysWhyInOneSentence() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.fresh("cdo_ingest_failed"));
        Path visits = Files.writeString(dir.resolve("visits.csv"), "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n"
                + "V1,SECRET-PATIENT,2025-01-02,Botox,SCM,L,20\n");
        Path rejects = dir.resolve("out/rejects.csv");
        // a folder (not empty) where the reject report's temporary file goes: the last step fails after the merge committed
        Path partial = Files.createDirectories(dir.resolve("out/rejects.csv.partial"));
        Files.writeString(partial.resolve("kept.txt"), "not cdo's");

        CdoRun failed = CdoRun.of("ingest", "--db", url, visits.toString(), "--rejects", rejects.toString());

        assertEquals(1, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("failed (status FAILED): " + partial + " is a folder that is not empty; it can be restarted with: cdo restart "),
                failed::toString);
        assertFalse(failed.err().contains("\tat ") || failed.err().contains("Exception"), failed::toString);
        assertTrue(failed.out().contains("no reject report (the run did not finish)"), failed::toString);
        CdoRun jobs = CdoRun.of("jobs", "--db", url);
        assertEquals(List.of(List.of("ingest", "FAILED", "1", "1", "0", partial + " is a folder that is not empty")),
                jobs.out().lines().skip(1).map(IngestCommandIntegrationTests::jobColumns).toList(), jobs::toString);
    }

    /** A row of cdo jobs without its id and times (ID JOB STATUS date time date time READ WRITTEN SKIPPED MESSAGE). */
    private static List<String> jobColumns(String row) {
        String[] cells = row.split("\\s+", 11);
        return List.of(cells[1], cells[2], cells[7], cells[8], cells[9], cells.length > 10 ? cells[10] : "");
    }

    @Test
    void badDateFormatIsBadUsage() {
        CdoRun run = CdoRun.of("ingest", "--db", "jdbc:postgresql://127.0.0.1:1/none", "--date-format", "yyyy-MM", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--date-format"), run.err());
    }
}
