package org.cdoutcomes.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.HandClinic;
import org.cdoutcomes.app.LatestFullQuarter;
import org.cdoutcomes.app.report.Workbooks.CodeRows;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cdo report} on the ingested {@link HandClinic}, read back with POI. By hand, with the cutoff 2025-08-15:
 * 2025-Q1 has 4 patients, all new, 4 cycles (onabotulinumtoxinA P1, P3; abobotulinumtoxinA P2, P4), 3 of them closed
 * (P4's is open); 2025-Q2 has 3 patients, none new, 3 cycles (onabotulinumtoxinA P1, P3; abobotulinumtoxinA P2), 1
 * closed (P1's: P2 and P3 had no later session).
 */
class ReportCommandIntegrationTests {
    @TempDir
    static Path work;
    private static String db;
    private static Path settings;

    @BeforeAll
    static void ingestTheHandClinic() throws IOException {
        db = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_report"));
        CdoRun ingest = CdoRun.of("ingest", HandClinic.write(work.resolve("clinic")).toString(),
                "--rejects", work.resolve("rejects.csv").toString(), "--db", db);
        assertEquals(0, ingest.exitCode(), ingest::toString);
        settings = Files.writeString(work.resolve("cdo.yml"), "clinic-name: Hand Clinic\nsuppression-threshold: 3\n");
    }

    private static XSSFWorkbook report(String name, String database, String... options) throws IOException {
        Path out = work.resolve(name + ".xlsx");
        String[] args = new String[options.length + 5];
        args[0] = "report";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = out.toString();
        args[options.length + 3] = "--db";
        args[options.length + 4] = database;
        CdoRun run = CdoRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Report written to " + out.toAbsolutePath().normalize()), run::toString);
        return Workbooks.open(out);
    }

    /**
     * A wrong --db or data folder reads as an empty clinic: the report says so instead of zeros in silence, on the
     * terminal and on the Summary (whoever opens a scheduled report sees no terminal).
     */
    @Test
    void aDatabaseWithoutRecordsIsPointedOut() throws IOException {
        String empty = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_report_empty"));
        Path out = work.resolve("empty.xlsx");

        CdoRun run = CdoRun.of("report", "--quarter", "2025-Q1", "--out", out.toString(), "--db", empty);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Report for 2025-Q1 (data as of "), run::toString);
        assertTrue(run.out().contains("Note: the database holds no visit or symptom yet, so the analysis is empty"), run::toString);
        try (XSSFWorkbook workbook = Workbooks.open(out)) {
            String firstColumn = StreamSupport.stream(workbook.getSheet("Summary").spliterator(), false)
                    .map(row -> row.getCell(0)).filter(Objects::nonNull).map(new DataFormatter()::formatCellValue)
                    .collect(Collectors.joining("\n"));
            assertTrue(firstColumn.contains("Note: the database holds no visit or symptom yet"), firstColumn);
        }
        assertTrue(!CdoRun.of("report", "--quarter", "2025-Q1", "--out", out.toString(), "--db", db).out().contains("holds no visit"));
    }

    @Test
    void summaryCountsTheQuartersCyclesAndTheOptionTurnsSuppressionOff() throws IOException {
        try (XSSFWorkbook q1 = report("q1", db, "--quarter", "2025-Q1", "--suppress-below", "0", "--config", settings.toString())) {
            Sheet summary = q1.getSheet("Summary");
            assertEquals("Hand Clinic", Workbooks.valueOf(summary, "Clinic"));
            assertEquals("all sites", Workbooks.valueOf(summary, "Sites"));
            assertEquals("2025-Q1", Workbooks.valueOf(summary, "Period"));
            assertEquals(4.0, Workbooks.valueOf(summary, "Patients treated"));
            assertEquals(4.0, Workbooks.valueOf(summary, "New patients"));
            assertEquals(4.0, Workbooks.valueOf(summary, "Injection cycles"));
            assertEquals(3.0, Workbooks.valueOf(summary, "Closed cycles"));
            assertEquals(2.0, Workbooks.valueOf(summary, "onabotulinumtoxinA"));
            assertEquals(2.0, Workbooks.valueOf(summary, "abobotulinumtoxinA"));
        }
    }

    /** The command's figures are written with ASCII digits whatever the locale (ar-EG printed "\u0664 patients"). */
    @Test
    void theSummaryLineHasAsciiDigitsUnderAnArabicLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        try {
            CdoRun run = CdoRun.of("report", "--quarter", "2025-Q1", "--as-of", "2025-08-15",
                    "--out", work.resolve("arabic.xlsx").toString(), "--db", db);

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("Report for 2025-Q1 (data as of 2025-08-15): 4 patients, 4 cycles\n"), run::toString);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void suppressionComesFromTheSettingsWhenNoOptionIsGivenElseFive() throws IOException {
        try (XSSFWorkbook q2 = report("q2-settings", db, "--quarter", "2025-Q2", "--config", settings.toString())) {
            Sheet summary = q2.getSheet("Summary");
            assertEquals(3.0, Workbooks.valueOf(summary, "Patients treated"));
            assertEquals(3.0, Workbooks.valueOf(summary, "Injection cycles"));
            assertEquals("<3", Workbooks.valueOf(summary, "Closed cycles"));
            assertEquals("<3", Workbooks.valueOf(summary, "onabotulinumtoxinA"));
            assertEquals("<3", Workbooks.valueOf(summary, "abobotulinumtoxinA"));
        }
        try (XSSFWorkbook q2 = report("q2-default", db, "--quarter", "2025-Q2")) {
            Sheet summary = q2.getSheet("Summary");
            assertEquals("not set (clinic-name in cdo.yml, or CDO_CLINIC_NAME)", Workbooks.valueOf(summary, "Clinic"));
            assertEquals("<5", Workbooks.valueOf(summary, "Patients treated"));
            assertEquals(0.0, Workbooks.valueOf(summary, "New patients"));
        }
        try (XSSFWorkbook q2 = report("q2-option", db, "--quarter", "2025-Q2", "--suppress-below", "2", "--config", settings.toString())) {
            Sheet summary = q2.getSheet("Summary");
            assertEquals(2.0, Workbooks.valueOf(summary, "onabotulinumtoxinA"));
            assertEquals("<2", Workbooks.valueOf(summary, "abobotulinumtoxinA"));
        }
    }

    @Test
    void sitesAndAPeriodOfDates() throws IOException {
        // north in Q2: P1's 04-10 session only (P4 has none in Q2)
        try (XSSFWorkbook north = report("q2-north", db, "--quarter", "2025-Q2", "--site", "north", "--suppress-below", "0")) {
            Sheet summary = north.getSheet("Summary");
            assertEquals("north", Workbooks.valueOf(summary, "Sites"));
            assertEquals(1.0, Workbooks.valueOf(summary, "Patients treated"));
        }
        // 2025-02-01..2025-06-01: P2 02-01 and 05-01, P3 03-01 and 06-01, P1 04-10; new: P2, P3
        try (XSSFWorkbook period = report("period", db, "--from", "2025-02-01", "--to", "2025-06-01", "--suppress-below", "0")) {
            Sheet summary = period.getSheet("Summary");
            assertEquals(3.0, Workbooks.valueOf(summary, "Patients treated"));
            assertEquals(2.0, Workbooks.valueOf(summary, "New patients"));
            assertEquals(5.0, Workbooks.valueOf(summary, "Injection cycles"));
        }
    }

    @Test
    void withoutAPeriodTheReportCoversTheLatestFullQuarter() throws IOException {
        String expected = LatestFullQuarter.before(LocalDate.now()).label();

        try (XSSFWorkbook latest = report("latest", db)) {
            Sheet summary = latest.getSheet("Summary");
            assertEquals(expected, Workbooks.valueOf(summary, "Period"));
            // the hand clinic's sessions are all in 2025
            assertEquals(0.0, Workbooks.valueOf(summary, "Patients treated"));
        }
    }

    /** A data cutoff given ends the default quarter too: the report as of a past day covers the quarter full on it. */
    @Test
    void withoutAPeriodAndWithACutoffTheReportCoversTheQuarterFullByTheCutoff() throws IOException {
        try (XSSFWorkbook q2 = report("as-of-q2-end", db, "--as-of", "2025-06-30", "--suppress-below", "0")) {
            assertEquals("2025-Q2", Workbooks.valueOf(q2.getSheet("Summary"), "Period"));
            assertEquals(3.0, Workbooks.valueOf(q2.getSheet("Summary"), "Patients treated"));
        }
        try (XSSFWorkbook q1 = report("as-of-q2-last-but-one", db, "--as-of", "2025-06-29", "--suppress-below", "0")) {
            assertEquals("2025-Q1", Workbooks.valueOf(q1.getSheet("Summary"), "Period"));
            assertEquals(4.0, Workbooks.valueOf(q1.getSheet("Summary"), "Patients treated"));
        }
    }

    @Test
    void dataQualityCountsEachFileFromItsLatestIngestOnly() throws IOException {
        String dirtyDb = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_report_quality"));
        Path clinic = HandClinic.write(work.resolve("dirty-clinic"));
        Path dirty = HandClinic.writeDirty(work.resolve("more/symptoms-late.csv"));
        for (int run = 0; run < 2; run++) {
            CdoRun ingest = CdoRun.of("ingest", clinic.toString(), dirty.toString(),
                    "--rejects", work.resolve("dirty-rejects-" + run + ".csv").toString(), "--db", dirtyDb);
            assertEquals(0, ingest.exitCode(), ingest::toString);
            assertTrue(ingest.out().contains("2 rows rejected"), ingest::toString);
        }

        // suppression off: counts of 1 would show as <5
        try (XSSFWorkbook report = report("quality", dirtyDb, "--quarter", "2025-Q1", "--suppress-below", "0")) {
            Sheet quality = report.getSheet("Data quality");
            assertEquals(List.of(new CodeRows(dirty.toString(), "BAD_DATE", 1), new CodeRows(dirty.toString(), "UNKNOWN_CODE", 1)),
                    Workbooks.section(quality, "Rejected rows"));
            assertEquals(List.of(new CodeRows(dirty.toString(), "UNKNOWN_COLUMN", 1)), Workbooks.section(quality, "Warnings"));
        }
    }
}
