package org.cdoutcomes.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.app.LatestFullQuarter;
import org.cdoutcomes.app.cli.ErrorReporter;
import org.cdoutcomes.app.jobs.JobLock;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.db.embedded.DatabaseHolder;
import org.cdoutcomes.db.embedded.EmbeddedDatabase;
import org.cdoutcomes.ingest.IngestJobConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdo demo} with a small clinic written by the test in place of the generator, on an embedded database in a temporary folder. */
class DemoCommandIntegrationTests {
    @TempDir
    Path work;

    /**
     * Patient i has one Botox session on the i-th day of the latest full quarter before the demo's day with relief 5 days
     * later, and one visit row names a product no vocabulary knows (rejected as UNKNOWN_CODE).
     */
    static void smallClinic(Path folder, int patients, LocalDate lastDay) throws IOException {
        LocalDate first = LatestFullQuarter.before(lastDay.plusDays(1)).first();
        List<String> patientRows = new ArrayList<>(List.of("patient_id,site_id"));
        List<String> visitRows = new ArrayList<>(List.of("visit_id,patient_id,visit_date,product,muscle,side,dose_units"));
        List<String> symptomRows = new ArrayList<>(List.of("patient_id,recorded_on,kind"));
        for (int i = 1; i <= patients; i++) {
            LocalDate session = first.plusDays(i);
            patientRows.add("D-" + i + ",main");
            visitRows.add("DV-" + i + ",D-" + i + "," + session + ",Botox,SCM,right,40");
            symptomRows.add("D-" + i + "," + session.plusDays(5) + ",relief_onset");
        }
        visitRows.add("DV-X,D-1," + first + ",Botax,SCM,right,40");
        Files.createDirectories(folder);
        Files.write(folder.resolve("patients.csv"), patientRows);
        Files.write(folder.resolve("visits.csv"), visitRows);
        Files.write(folder.resolve("symptoms.csv"), symptomRows);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run demo(String... args) {
        return demo(Clock.systemDefaultZone(), args);
    }

    private Run demo(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine demo = new CommandLine(new DemoCommand(DemoCommandIntegrationTests::smallClinic, clock))
                .setExecutionExceptionHandler(new ErrorReporter());
        demo.setOut(new PrintWriter(out, true));
        demo.setErr(new PrintWriter(err, true));
        int exitCode = demo.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void writesTheReportAndTheAnalysisOfTheLatestFullQuarterIntoItsOwnReplacedDatabase() throws IOException {
        LatestFullQuarter quarter = LatestFullQuarter.before(LocalDate.now());
        Path out = work.resolve("demo-out");
        Path dataDir = work.resolve("data");

        Run first = demo("--patients", "3", "--out", out.toString(), "--data-dir", dataDir.toString());

        assertEquals(0, first.exitCode(), first::toString);
        Path workbook = out.resolve("report-" + quarter.label() + ".xlsx");
        Path json = out.resolve("analysis.json");
        assertTrue(first.out().contains(workbook.toAbsolutePath().normalize().toString()), first::toString);
        assertTrue(first.out().contains(json.toAbsolutePath().normalize().toString()), first::toString);
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook report = new XSSFWorkbook(in)) {
            assertEquals("Summary", report.getSheetAt(0).getSheetName());
        }
        DocumentContext analysis = JsonPath.parse(Files.readString(json));
        assertEquals(quarter.first().toString(), analysis.read("$.cohort.from"));
        assertEquals(quarter.last().toString(), analysis.read("$.cohort.to"));
        assertEquals(List.of(3, 3, 3), List.of(analysis.read("$.cohort.patients"), analysis.read("$.cohort.cycles"),
                analysis.read("$.time_to_onset[0].events")));
        List<String> rejects = Files.readAllLines(out.resolve("rejects.csv"));
        assertEquals(2, rejects.size(), rejects::toString);
        assertTrue(rejects.get(1).contains(",UNKNOWN_CODE,"), rejects::toString);
        assertTrue(Files.isDirectory(dataDir.resolve("demo").resolve("pgdata")));

        // a smaller clinic the second time: had the database been kept, the first clinic's patients would still count
        Run second = demo("--patients", "2", "--out", out.toString(), "--data-dir", dataDir.toString());

        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(2, (int) JsonPath.parse(Files.readString(json)).read("$.cohort.patients"));
    }

    @Test
    void withDbRunsInASchemaOfItsOwnReplacedAtEachRunAndLeavesTheDatabasesOtherRecordsAlone() throws Exception {
        DataSource server = TestDatabases.migrated("cdo_demo_db");
        JdbcTemplate sql = new JdbcTemplate(server);
        sql.update("insert into patient (patient_id, site_id) values ('CLINIC-1', 'main')");
        // a URL that names another schema: the demo still keeps to its own
        String url = TestDatabases.jdbcUrl(server) + "&currentSchema=public";
        Path out = work.resolve("server-demo");

        Run first = demo("--patients", "3", "--out", out.toString(), "--db", url, "--data-dir", work.resolve("unused").toString());

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("ingested into schema cdo_demo of "), first::toString);
        assertEquals(List.of("D-1", "D-2", "D-3"), sql.queryForList("select patient_id from cdo_demo.patient order by 1", String.class));
        assertEquals(3, (int) JsonPath.parse(Files.readString(out.resolve("analysis.json"))).read("$.cohort.patients"));
        assertFalse(Files.exists(work.resolve("unused")), "no embedded database with --db");

        // the clinic's own ingest runs meanwhile (its job lock and its merge lock held in public): the demo does not wait
        Run second;
        try (JobLock.Held clinicIngest = new JobLock(server).tryAcquire(IngestJobConfiguration.JOB_NAME).orElseThrow();
             Connection clinicMerge = server.getConnection(); Statement merging = clinicMerge.createStatement()) {
            merging.execute("select pg_advisory_lock(" + 0x63646fL + ")"); // RunMerger's key in public
            second = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> demo("--patients", "2", "--out", out.toString(), "--db", url));
        }

        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(List.of("D-1", "D-2"), sql.queryForList("select patient_id from cdo_demo.patient order by 1", String.class));
        assertEquals(List.of("CLINIC-1"), sql.queryForList("select patient_id from public.patient", String.class));
        assertEquals(0L, sql.queryForObject("select count(*) from public.ingest_run", Long.class));
    }

    @Test
    void aDbThatIsNoJdbcUrlExits2() {
        Run blank = demo("--db", " ", "--out", work.resolve("x").toString());
        assertEquals(2, blank.exitCode(), blank::toString);
        assertTrue(blank.err().contains("--db expects a PostgreSQL JDBC URL"), blank::toString);

        Run notAUrl = demo("--db", "dbserver/cdo", "--out", work.resolve("y").toString(), "--patients", "1");
        assertEquals(2, notAUrl.exitCode(), notAUrl::toString);
        assertTrue(notAUrl.err().contains("--db expects a PostgreSQL JDBC URL"), notAUrl::toString);
    }

    /** Stands in for {@code cdo generate}, whose options the demo's default generator passes. */
    @Command(name = "generate")
    static final class TestGenerate implements Callable<Integer> {
        @Option(names = "--patients", required = true)
        int patients;

        @Option(names = "--out", required = true)
        Path out;

        @Option(names = "--to", required = true)
        LocalDate to;

        @Override
        public Integer call() throws IOException {
            smallClinic(out, patients, to);
            return 0;
        }
    }

    @Command(name = "cdo", subcommands = {DemoCommand.class, TestGenerate.class})
    static final class TestRoot {
    }

    /**
     * A demo started a second before midnight on the last day of a quarter takes that day for the whole demo: its
     * clinic ends the day before and its report is of the quarter before (2026-Q2), written at the start; a report of
     * the next day's latest full quarter (2026-Q3) would have lacked the quarter's last day.
     */
    @Test
    void aDemoStartedBeforeMidnightReportsAsOfItsStartDay() throws IOException {
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime started = LocalDateTime.of(2026, 9, 30, 23, 59, 59);
        Path out = work.resolve("before-midnight");

        Run run = demo(Clock.fixed(started.atZone(zone).toInstant(), zone), "--patients", "3", "--out", out.toString(),
                "--data-dir", work.resolve("data").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.readString(out.resolve("clinic").resolve("visits.csv")).contains(",2026-04-04,"), "sessions in 2026-Q2");
        Path workbook = out.resolve("report-2026-Q2.xlsx");
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook report = new XSSFWorkbook(in)) {
            Sheet summary = report.getSheet("Summary");
            LocalDateTime runTime = null;
            for (Row row : summary) {
                if (row.getCell(0) != null && "Run time".equals(row.getCell(0).getStringCellValue())) {
                    runTime = row.getCell(1).getLocalDateTimeCellValue();
                }
            }
            assertEquals(started, runTime);
        }
        assertEquals(3, (int) JsonPath.parse(Files.readString(out.resolve("analysis.json"))).read("$.cohort.cycles"));
    }

    @Test
    void byDefaultGeneratesTheClinicWithTheGenerateCommand() throws IOException {
        Path out = work.resolve("with-generate");
        CommandLine cdo = new CommandLine(new TestRoot()).setExecutionExceptionHandler(new ErrorReporter());
        StringWriter err = new StringWriter();
        cdo.setErr(new PrintWriter(err, true));
        cdo.setOut(new PrintWriter(new StringWriter(), true));

        int exitCode = cdo.execute("demo", "--patients", "4", "--out", out.toString(), "--data-dir", work.resolve("data").toString());

        assertEquals(0, exitCode, err::toString);
        assertEquals(5, Files.readAllLines(out.resolve("clinic").resolve("patients.csv")).size());
        assertEquals(4, (int) JsonPath.parse(Files.readString(out.resolve("analysis.json"))).read("$.cohort.patients"));
    }

    @Test
    void waitsForAnotherProcessUsingItsDatabaseToFinishThenReplacesIt() throws Exception {
        Path dataDir = work.resolve("shared");
        long holdMillis = 4_000;
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(),
                dataDir.resolve("demo").toString(), Long.toString(holdMillis))
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("holding", output.readLine());

            Run run = demo("--patients", "2", "--out", work.resolve("after-wait").toString(), "--data-dir", dataDir.toString());

            assertEquals(0, run.exitCode(), run::toString);
            // the holder exits right after leaving the database, seconds before the demo has started its server and ingested
            assertFalse(other.isAlive(), "the demo replaced the database while another process used it");
            assertEquals(2, (int) JsonPath.parse(Files.readString(work.resolve("after-wait/analysis.json"))).read("$.cohort.patients"));
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void refusesToReplaceTheDatabaseThisProcessHasOpen() {
        Path dataDir = work.resolve("busy");
        try (EmbeddedDatabase busy = EmbeddedDatabase.open(dataDir.resolve("demo"))) {
            Run run = demo("--patients", "2", "--out", work.resolve("out").toString(), "--data-dir", dataDir.toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains(busy.folder().toString()), run::toString);
        }
    }

    @Test
    void badOptionsExit2() {
        Path file = work.resolve("a-file");
        Run noPatients = demo("--patients", "0", "--out", work.resolve("x").toString());
        assertEquals(2, noPatients.exitCode(), noPatients::toString);
        assertTrue(noPatients.err().contains("--patients"), noPatients::toString);

        Run outIsAFile = demo("--out", touch(file).toString());
        assertEquals(2, outIsAFile.exitCode(), outIsAFile::toString);
        assertTrue(outIsAFile.err().contains("--out expects a folder"), outIsAFile::toString);

        // /proc: a folder no one, root included, can create anything in; refused before the clinic is generated (which
        // replaces the previous demo's files)
        Path out = work.resolve("checked-first");
        Run outUnwritable = demo("--out", "/proc/demo");
        assertEquals(2, outUnwritable.exitCode(), outUnwritable::toString);
        assertTrue(outUnwritable.err().contains("--out expects a folder cdo can create or write in, but /proc cannot be written"),
                outUnwritable::toString);
        Run dataDirUnwritable = demo("--out", out.toString(), "--data-dir", "/proc/x");
        assertEquals(2, dataDirUnwritable.exitCode(), dataDirUnwritable::toString);
        assertTrue(dataDirUnwritable.err().contains("--data-dir expects a folder cdo can create or write in, but /proc cannot be written"),
                dataDirUnwritable::toString);
        assertTrue(Files.notExists(out), "no clinic generated");
    }

    private static Path touch(Path file) {
        try {
            return Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
