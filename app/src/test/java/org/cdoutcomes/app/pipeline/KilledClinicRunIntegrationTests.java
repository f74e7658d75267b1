package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.app.CdoMain;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.generate.GeneratorOptions;
import org.cdoutcomes.app.generate.SyntheticClinic;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code cdo run} over the real stages, killed (SIGKILL) at several moments and resumed with {@code cdo restart ID},
 * ends exactly as an uninterrupted run: the same records, one ingest counted once, the same moved files, and the
 * same outputs (the workbook's cells but its run time, the JSON, the reject report, status.txt).
 */
class KilledClinicRunIntegrationTests {
    private static final List<String> RECORD_TABLES = List.of("patient", "visit", "visit_muscle", "symptom");
    private static final String RUN_TIME_LABEL = "Run time";

    @TempDir
    Path root;

    @Test
    void aRunKilledAtAnyMomentAndRestartedEndsAsAnUninterruptedRun() throws Exception {
        Path template = Files.createDirectories(root.resolve("template"));
        LocalDate today = LocalDate.now();
        SyntheticClinic.write(new GeneratorOptions(300, 1, today.minusYears(2), today), template);
        Files.writeString(template.resolve("broken.xlsx"), "not a workbook\n");

        Path reference = clinic(template, "reference");
        DataSource referenceDb = TestDatabases.migrated("killed_run_reference");
        CdoRun uninterrupted = CdoRun.of("run", "--db", TestDatabases.jdbcUrl(referenceDb), "--config", reference.resolve("cdo.yml").toString());
        assertThat(uninterrupted.exitCode()).as(uninterrupted.toString()).isEqualTo(1);
        Snapshot expected = Snapshot.of(reference, referenceDb);

        int killedInside = 0;
        for (long delay : new long[] {0, 400, 1000, 2000}) {
            Path clinic = clinic(template, "killed-" + delay);
            DataSource database = TestDatabases.migrated("killed_run_" + delay);
            boolean killed = runAndKill(clinic, TestDatabases.jdbcUrl(database), delay);
            JdbcTemplate jdbc = new JdbcTemplate(database);
            Map<String, Object> last = jdbc.queryForMap("select job_execution_id, status from batch_job_execution order by job_execution_id desc limit 1");
            if (killed && "STARTED".equals(last.get("status"))) {
                killedInside++;
                CdoRun restart = CdoRun.of("restart", "--db", TestDatabases.jdbcUrl(database), "--config", clinic.resolve("cdo.yml").toString(),
                        last.get("job_execution_id").toString());
                assertThat(restart.exitCode()).as("killed after " + delay + " ms; " + restart).isEqualTo(1);
                // and what cdo run prints at its end: the run folder and its status line
                assertThat(restart.out()).contains(Files.readString(statusFile(clinic)).strip());
            }
            Snapshot actual = Snapshot.of(clinic, database);
            String when = "killed after " + delay + " ms: ";
            assertThat(actual.records()).as(when + "records").isEqualTo(expected.records());
            assertThat(actual.fileCounts()).as(when + "file counts").isEqualTo(expected.fileCounts());
            assertThat(actual.files().keySet()).as(when + "files").isEqualTo(expected.files().keySet());
            expected.files().forEach((name, content) -> assertThat(actual.files().get(name)).as(when + name).isEqualTo(content));
            assertThat(jdbc.queryForObject("select count(*) from ingest_run", Integer.class)).as("one ingest run, counted once").isEqualTo(1);
        }
        assertThat(killedInside).as("some kills landed inside the job").isPositive();
    }

    private static Path statusFile(Path clinic) throws IOException {
        try (Stream<Path> runs = Files.list(clinic.resolve("outbox"))) {
            return runs.findFirst().orElseThrow().resolve("status.txt");
        }
    }

    /** A copy of the clinic's files in an inbox, an empty outbox, and the settings naming them. */
    private Path clinic(Path template, String name) throws IOException {
        Path clinic = root.resolve(name);
        Path inbox = Files.createDirectories(clinic.resolve("inbox"));
        Files.createDirectories(clinic.resolve("outbox"));
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : files.toList()) {
                Files.copy(file, inbox.resolve(file.getFileName()));
            }
        }
        Files.writeString(clinic.resolve("cdo.yml"), "clinic-name: Test Clinic\ninbox: " + inbox + "\noutbox: " + clinic.resolve("outbox") + "\n");
        return clinic;
    }

    /** Runs {@code cdo run} in a process of its own and kills it {@code delay} ms after it chose its files; whether the kill came before its end. */
    private static boolean runAndKill(Path clinic, String url, long delay) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CdoMain.class.getName(),
                "run", "--db", url, "--config", clinic.resolve("cdo.yml").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("new files in the inbox")) {
                    Thread.sleep(delay);
                    boolean alive = child.isAlive();
                    child.destroyForcibly();
                    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    return alive && child.exitValue() == 137;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        throw new AssertionError("the child ended before choosing its files, exit " + child.exitValue());
    }

    /** What a run leaves, with the clinic's folder and the run id replaced so that two runs compare. */
    record Snapshot(Map<String, List<String>> records, List<String> fileCounts, Map<String, String> files) {
        static Snapshot of(Path clinic, DataSource database) throws IOException {
            JdbcTemplate jdbc = new JdbcTemplate(database);
            // the symptoms' surrogate key is drawn from a sequence, which a rolled-back transaction advances
            Map<String, List<String>> records = new LinkedHashMap<>();
            for (String table : RECORD_TABLES) {
                records.put(table, jdbc.queryForList("select (to_jsonb(t) - 'symptom_id')::text from " + table + " t order by 1", String.class));
            }
            String folder = clinic.toAbsolutePath().toString();
            List<String> fileCounts = jdbc.queryForList("select file || ' ' || status || ' ' || rows_read || ' ' || inserted || ' ' || updated"
                    + " || ' ' || unchanged || ' ' || rejected || ' ' || warnings from ingest_file order by file", String.class)
                    .stream().map(line -> line.replace(folder, "CLINIC")).toList();
            List<String> runs;
            try (Stream<Path> entries = Files.list(clinic.resolve("outbox"))) {
                runs = entries.map(path -> path.getFileName().toString()).toList();
            }
            assertThat(runs).as("one run folder").hasSize(1);
            String runId = runs.get(0);
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> all = Files.walk(clinic)) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    String name = clinic.relativize(file).toString().replace(runId, "RUN");
                    files.put(name, file.toString().endsWith(".xlsx") && name.startsWith("outbox")
                            ? String.join("\n", cells(file)).replace(folder, "CLINIC") : Files.readString(file).replace(folder, "CLINIC"));
                }
            }
            return new Snapshot(records, fileCounts, files);
        }

        /** Every cell of the workbook as sheet, reference and text shown, but the run time's. */
        private static List<String> cells(Path workbook) throws IOException {
            List<String> cells = new ArrayList<>();
            DataFormatter formatter = new DataFormatter();
            try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(workbook))) {
                for (Sheet sheet : book) {
                    for (Row row : sheet) {
                        Cell first = row.getCell(0);
                        if (first != null && RUN_TIME_LABEL.equals(formatter.formatCellValue(first))) {
                            continue;
                        }
                        for (Cell cell : row) {
                            cells.add(sheet.getSheetName() + "!" + cell.getAddress() + "=" + formatter.formatCellValue(cell));
                        }
                    }
                }
            }
            return cells;
        }
    }
}
