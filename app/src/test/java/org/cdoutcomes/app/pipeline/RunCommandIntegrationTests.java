package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.LatestFullQuarter;
import org.cdoutcomes.app.generate.GeneratorOptions;
import org.cdoutcomes.app.generate.SyntheticClinic;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code cdo run} end to end over the real stages: a generated clinic dropped into the inbox is ingested, analysed
 * and reported into the outbox; the inbox files move out; an unreadable file goes to failed/ and fails the run.
 */
class RunCommandIntegrationTests {
    private static final Pattern RUN_LINE = Pattern.compile("Run (run-\\d{8}-\\d{6}) \\(job execution (\\d+)\\)");
    /** A file no ingest can read, holding what looks like a patient identifier, which must not reach a log. */
    private static final String UNREADABLE = "broken.xlsx";
    private static final String UNREADABLE_CONTENT = "MRN-UNREADABLE-4711 is not a workbook\n";

    @TempDir
    Path root;

    @Test
    void aRunIngestsTheInboxAnalysesReportsAndMovesTheFilesAnUnreadableOneFailsIt() throws IOException {
        Path inbox = clinic();
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("run"));

        CdoRun run = CdoRun.of("run", "--db", url, "--config", config().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Matcher line = RUN_LINE.matcher(run.out());
        assertThat(line.find()).as(run.toString()).isTrue();
        String runId = line.group(1);
        LatestFullQuarter latest = LatestFullQuarter.before(LocalDate.now());
        String quarter = latest.label();
        Path folder = root.resolve("outbox").resolve(runId);
        assertThat(names(folder)).containsExactlyInAnyOrder("report-" + quarter + ".xlsx", "analysis.json", "rejects.csv", "status.txt");
        assertThat(Files.readString(folder.resolve("analysis.json")))
                .contains("\"cohort\": {\"from\": \"" + latest.first() + "\", \"to\": \"" + latest.last() + "\"");

        Path processed = inbox.resolve("processed").resolve(runId);
        long dataLines = dataLines(processed.resolve(SyntheticClinic.PATIENTS_FILE)) + dataLines(processed.resolve(SyntheticClinic.VISITS_FILE))
                + dataLines(processed.resolve(SyntheticClinic.SYMPTOMS_FILE));
        long rejectLines = Files.readAllLines(folder.resolve("rejects.csv")).size() - 1;
        assertThat(Files.readString(folder.resolve("status.txt")))
                .startsWith("failure: 3 files read, 1 unreadable (in the inbox's failed/ folder, each with its reason); rows read " + dataLines + ",")
                .contains(", rejected " + rejectLines + ",")
                .contains("report " + quarter + ": ");
        assertThat(run.out()).as("the status line is printed too").contains(Files.readString(folder.resolve("status.txt")));

        // the inbox holds only its processed/ and failed/ folders now, none of the new files
        assertThat(names(inbox)).containsExactlyInAnyOrder("processed", "failed");
        assertThat(names(processed)).containsExactlyInAnyOrder(
                SyntheticClinic.PATIENTS_FILE, SyntheticClinic.VISITS_FILE, SyntheticClinic.SYMPTOMS_FILE);
        assertThat(names(inbox.resolve("failed"))).containsExactlyInAnyOrder(UNREADABLE, UNREADABLE + ".reason.txt");
        assertThat(Files.readString(inbox.resolve("failed").resolve(UNREADABLE))).isEqualTo(UNREADABLE_CONTENT);
        assertThat(Files.readString(inbox.resolve("failed").resolve(UNREADABLE + ".reason.txt"))).isNotBlank();

        // every patient row read was stored or rejected
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        long patientRejects = Files.readAllLines(folder.resolve("rejects.csv")).stream()
                .filter(reject -> reject.contains(SyntheticClinic.PATIENTS_FILE + ",")).count();
        assertThat(jdbc.queryForObject("select count(*) from patient", Long.class) + patientRejects)
                .isEqualTo(dataLines(processed.resolve(SyntheticClinic.PATIENTS_FILE)));

        // cdo jobs lists the run with the rows it read
        CdoRun jobs = CdoRun.of("jobs", "--db", url);
        assertThat(jobs.out().lines().filter(row -> row.startsWith(line.group(2) + " ")))
                .singleElement().asString().matches(line.group(2) + "\\s+run\\s+COMPLETED\\s+.*\\s" + dataLines + "\\s.*");

        // a second run finds nothing new: success, nothing read, a report all the same
        CdoRun again = CdoRun.of("run", "--db", url, "--config", config().toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        Matcher second = RUN_LINE.matcher(again.out());
        assertThat(second.find()).isTrue();
        assertThat(Files.readString(root.resolve("outbox").resolve(second.group(1)).resolve("status.txt")))
                .startsWith("success: 0 files read, 0 unreadable; rows read 0,");
    }

    /**
     * Everything a run prints or logs, at the most verbose level cdo logs at, holds none of the generated patients'
     * identifiers and none of their records' identifiers.
     */
    @Test
    void aRunLogsNoPatientIdentifierAndNoSymptomValue() throws IOException {
        Path inbox = clinic();
        Set<String> secrets = new TreeSet<>();
        secrets.addAll(column(inbox.resolve(SyntheticClinic.PATIENTS_FILE), 0));
        secrets.addAll(column(inbox.resolve(SyntheticClinic.VISITS_FILE), 0));
        secrets.addAll(column(inbox.resolve(SyntheticClinic.SYMPTOMS_FILE), 0));
        secrets.add("MRN-UNREADABLE-4711");
        assertThat(secrets).hasSizeGreaterThan(300);
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("runlogs"));

        CdoRun run = CdoRun.of("run", "--db", url, "--config", config().toString(), "--verbose");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as("the run logged at INFO, naming the execution cdo restart would take")
                .containsPattern("Run run-\\S+ \\(job execution \\d+\\): \\d+ new files in the inbox");
        List<String> leaks = new ArrayList<>();
        for (String logged : (run.out() + run.err()).lines().toList()) {
            for (String secret : secrets) {
                if (logged.contains(secret)) {
                    leaks.add(secret + " in: " + logged);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** An empty scheduled report says why, as cdo report does, instead of "0 patients, 0 cycles" alone. */
    @Test
    void aRunWhoseDataEndBeforeTheQuarterItReportsSaysWhyTheReportIsEmpty() throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(root.resolve("outbox"));
        LocalDate today = LocalDate.now();
        SyntheticClinic.write(new GeneratorOptions(50, 1, today.minusYears(3), today.minusYears(2)), inbox);
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("runempty"));

        CdoRun run = CdoRun.of("run", "--db", url, "--config", config().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        LatestFullQuarter latest = LatestFullQuarter.before(today);
        assertThat(run.out()).contains("report " + latest.label() + ": 0 patients, 0 cycles");
        assertThat(run.err()).as(run.toString()).containsPattern("WARN .*: the report of " + latest.label()
                + " has 0 cycles\\. Note: the data cutoff, \\d{4}-\\d\\d-\\d\\d, is before the period starts \\(" + latest.first() + "\\)");
    }

    /** A generated clinic of 300 patients over the two years up to today, and an unreadable file, in the inbox. */
    /** A correction that drops a muscle from a stored dose chart is counted in the run's status line, as cdo ingest prints it. */
    @Test
    void theStatusLineCountsTheMusclesACorrectionRemoved() throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(root.resolve("outbox"));
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("run_removed"));
        String header = "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n";
        Files.writeString(inbox.resolve("visits.csv"), header + "V1,P1,2025-03-04,Botox,SCM,L,50\nV1,P1,2025-03-04,Botox,trap,R,30\n");
        CdoRun first = CdoRun.of("run", "--db", url, "--config", config().toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Files.writeString(inbox.resolve("visits.csv"), header + "V1,P1,2025-03-04,Botox,SCM,L,50\n");

        CdoRun corrected = CdoRun.of("run", "--db", url, "--config", config().toString());

        assertThat(corrected.exitCode()).as(corrected.toString()).isZero();
        Matcher line = RUN_LINE.matcher(corrected.out());
        assertThat(line.find()).isTrue();
        assertThat(Files.readString(root.resolve("outbox").resolve(line.group(1)).resolve("status.txt")))
                .startsWith("success: 1 file read, 0 unreadable; rows read 1, inserted 0, updated 1, unchanged 0, rejected 0, warnings 0, "
                        + "dose-chart muscles removed 1;");
    }

    private Path clinic() throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(root.resolve("outbox"));
        LocalDate today = LocalDate.now();
        SyntheticClinic.write(new GeneratorOptions(300, 1, today.minusYears(2), today), inbox);
        Files.writeString(inbox.resolve(UNREADABLE), UNREADABLE_CONTENT);
        return inbox;
    }

    private Path config() throws IOException {
        return Files.writeString(root.resolve("cdo.yml"), "clinic-name: Test Clinic\n"
                + "inbox: " + root.resolve("inbox") + "\n"
                + "outbox: " + root.resolve("outbox") + "\n"
                + "suppression-threshold: 5\n");
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return new TreeSet<>(entries.map(path -> path.getFileName().toString()).toList());
        }
    }

    private static long dataLines(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.count() - 1;
        }
    }

    /** The non-empty values of a CSV column (the generator writes no quoted commas in identifier columns). */
    private static Set<String> column(Path csv, int index) throws IOException {
        Set<String> values = new TreeSet<>();
        try (Stream<String> lines = Files.lines(csv)) {
            lines.skip(1).map(row -> row.split(",", -1)).filter(cells -> cells.length > index)
                    .map(cells -> cells[index].trim().replace("\"", "")).filter(value -> value.length() >= 3).forEach(values::add);
        }
        return values;
    }
}
