package org.cdoutcomes.app.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cdoutcomes.app.CdoMain;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.HandClinic;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cdo analyze} on the ingested {@link HandClinic}: figures worked out by hand there. */
class AnalyzeCommandIntegrationTests {
    @TempDir
    static Path work;
    private static String db;

    @BeforeAll
    static void ingestTheHandClinic() throws IOException {
        db = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_analyze"));
        Path clinic = HandClinic.write(work.resolve("clinic"));
        CdoRun ingest = CdoRun.of("ingest", clinic.toString(), "--rejects", work.resolve("rejects.csv").toString(), "--db", db);
        assertEquals(0, ingest.exitCode(), ingest::toString);
        assertTrue(ingest.out().contains("0 rows rejected"), ingest::toString);
    }

    private static DocumentContext analyze(String name, String... options) throws IOException {
        Path json = work.resolve(name + ".json");
        String[] args = new String[options.length + 5];
        args[0] = "analyze";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--json";
        args[options.length + 2] = json.toString();
        args[options.length + 3] = "--db";
        args[options.length + 4] = db;
        CdoRun run = CdoRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Analysis written to " + json.toAbsolutePath().normalize()), run::toString);
        return JsonPath.parse(Files.readString(json));
    }

    /**
     * A researcher pipes the analysis to a JSON reader, or appends it to a log ({@code >>}): standard output gets the
     * JSON alone, as the file would hold it, after what was there.
     */
    @Test
    void theAnalysisWrittenToStandardOutputIsTheJsonAloneAndTheSummaryGoesToStandardError() throws Exception {
        analyze("to-file");
        Path out = Files.writeString(work.resolve("stdout.log"), "an earlier line\n");
        Path err = work.resolve("stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CdoMain.class.getName(), "analyze", "--json", "/dev/stdout", "--db", db)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).redirectError(err.toFile()).start();

        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), () -> readQuietly(err));
        assertEquals("an earlier line\n" + Files.readString(work.resolve("to-file.json")), Files.readString(out));
        assertTrue(Files.readString(err).contains("Analysis written to /dev/stdout"), () -> readQuietly(err));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void everyCycleUpToTheLatestStoredDate() throws IOException {
        DocumentContext json = analyze("all");

        assertEquals("cdo.analysis/1", json.read("$.schema"));
        assertEquals(Map.of("from", "null", "to", "null", "as_of", HandClinic.AS_OF, "patients", "4", "cycles", "8",
                "ae_window_days", "28"), strings(json.read("$.cohort")));

        Map<String, Object> onset = json.read("$.time_to_onset[0]");
        assertEquals("all", onset.get("by"));
        assertEquals(8, onset.get("n"));
        assertEquals(7, onset.get("events"));
        assertEquals(1, onset.get("censored"));
        assertEquals(5.5, number(onset.get("median")), 1e-12);
        assertEquals(3.0, number(onset.get("median_ci_lower")), 1e-12);
        assertEquals(10.0, number(onset.get("median_ci_upper")), 1e-12);
        assertEquals(4.5, number(onset.get("q1")), 1e-12);
        assertEquals(8.5, number(onset.get("q3")), 1e-12);

        Map<String, Object> duration = json.read("$.duration_of_relief[0]");
        assertEquals("all", duration.get("by"));
        assertEquals(List.of(7, 4, 3), List.of(duration.get("n"), duration.get("events"), duration.get("censored")));
        assertEquals(77.0, number(duration.get("median")), 1e-12);
        assertEquals(65.0, number(duration.get("median_ci_lower")), 1e-12);
        assertNull(duration.get("median_ci_upper"));

        // products: onabotulinumtoxinA P1 x3 + P3 x2, abobotulinumtoxinA P2 x2 + P4
        assertEquals(List.of(5), json.read("$.time_to_onset[?(@.value == 'onabotulinumtoxinA')].n"));
        assertEquals(List.of(3), json.read("$.time_to_onset[?(@.value == 'abobotulinumtoxinA')].n"));

        Map<String, Object> any = json.read("$.side_effects[0]");
        assertEquals(List.of("any", "any", 8, 4), List.of(any.get("muscle_group"), any.get("term"), any.get("exposed_cycles"),
                any.get("exposed_events")));
        assertEquals(0.5, number(any.get("rate")), 1e-12);
        assertEquals(0.21521606221387762, number(any.get("ci_lower")), 1e-12);
        assertEquals(0.78478393778612243, number(any.get("ci_upper")), 1e-12);
        assertNull(any.get("unexposed_cycles"));
        assertNull(any.get("relative_risk"));

        List<Map<String, Object>> scm = json.read(
                "$.side_effects[?(@.muscle_group == 'sternocleidomastoid' && @.term == 'dysphagia')]");
        assertEquals(1, scm.size());
        Map<String, Object> row = scm.get(0);
        assertEquals(List.of(4, 3, 4, 0), List.of(row.get("exposed_cycles"), row.get("exposed_events"),
                row.get("unexposed_cycles"), row.get("unexposed_events")));
        assertEquals(0.75, number(row.get("rate")), 1e-12);
        assertEquals(7.0, number(row.get("relative_risk")), 1e-9);
        assertEquals(1.0 / 7, number(row.get("fisher_p")), 1e-9);

        assertEquals(Map.of("VISIT_ID_MISMATCH", 1, "WEAR_OFF_WITHOUT_ONSET", 1, "RECORDS_WITHOUT_CYCLE", 1),
                json.read("$.data_quality"));
    }

    @Test
    void quarterSelectsCyclesByInjectionDate() throws IOException {
        DocumentContext q1 = analyze("q1", "--quarter", "2025-Q1");

        // Q1 sessions: P1 01-10, P4 01-20, P2 02-01, P3 03-01; their onsets 5, 6, 10, 3 days
        assertEquals("2025-01-01", q1.read("$.cohort.from"));
        assertEquals("2025-03-31", q1.read("$.cohort.to"));
        assertEquals(List.of(4, 4), List.of(q1.read("$.cohort.patients"), q1.read("$.cohort.cycles")));
        assertEquals(List.of(4, 4), List.of(q1.read("$.time_to_onset[0].n"), q1.read("$.time_to_onset[0].events")));
        // side effects of Q1 cycles: dysphagia in P1C1, neck weakness in P2C1
        assertEquals(List.of(4, 2), List.of(q1.read("$.side_effects[0].exposed_cycles"), q1.read("$.side_effects[0].exposed_events")));
        // data quality ignores the period
        assertEquals(1, (int) q1.read("$.data_quality.VISIT_ID_MISMATCH"));

        DocumentContext q2 = analyze("q2", "--quarter", "2025-q2");
        assertEquals(List.of(3, 3), List.of(q2.read("$.cohort.patients"), q2.read("$.cohort.cycles")));
    }

    @Test
    void fromToAsOfAndFirstCycleOnly() throws IOException {
        DocumentContext period = analyze("period", "--from", "2025-02-01", "--to", "2025-06-01");
        // P2 02-01, P3 03-01, P1 04-10, P2 05-01, P3 06-01
        assertEquals(List.of(3, 5), List.of(period.read("$.cohort.patients"), period.read("$.cohort.cycles")));

        DocumentContext asOf = analyze("as-of", "--as-of", "2025-06-30");
        // P1's 07-10 session lies after the cutoff
        assertEquals("2025-06-30", asOf.read("$.cohort.as_of"));
        assertEquals(List.of(4, 7), List.of(asOf.read("$.cohort.patients"), asOf.read("$.cohort.cycles")));

        DocumentContext first = analyze("first", "--first-cycle-only");
        assertEquals(List.of(4, 4), List.of(first.read("$.cohort.patients"), first.read("$.cohort.cycles")));
        // first cycles' onsets 5, 10, 3, 6: all events
        assertEquals(4, (int) first.read("$.time_to_onset[0].events"));
    }

    @Test
    void siteIsTheVisitsElseThePatientsElseMain() throws IOException {
        DocumentContext north = analyze("north", "--site", "north");
        // P1's first two sessions (patient site) and P4; P1's third visit names site south
        assertEquals(List.of(2, 3), List.of(north.read("$.cohort.patients"), north.read("$.cohort.cycles")));

        DocumentContext southAndMain = analyze("south-main", "--site", "south", "--site", "main");
        // P2 x2 and P1's third session (south), P3 x2 (no site: main)
        assertEquals(List.of(3, 5), List.of(southAndMain.read("$.cohort.patients"), southAndMain.read("$.cohort.cycles")));
    }

    /**
     * A cohort that options leave empty says why: ids match exactly (North is not north), or the period is after the data;
     * a period that ends after the data says it is incomplete.
     */
    @Test
    void anEmptyCohortSaysWhichSitesHaveInjectionsOrThatThePeriodIsAfterTheCutoff() {
        CdoRun typo = CdoRun.of("analyze", "--site", "North", "--json", work.resolve("typo.json").toString(), "--db", db);
        assertEquals(0, typo.exitCode(), typo::toString);
        // P1 and P4 north, P1's third visit south, P2 south, P3 no site: main
        assertTrue(typo.out().contains("Note: no cycle was injected at North. Sites with injections up to the cutoff: "
                + "main, north, south (site ids match exactly, case included)."), typo::toString);

        CdoRun later = CdoRun.of("analyze", "--quarter", "2026-Q1", "--json", work.resolve("later.json").toString(), "--db", db);
        assertEquals(0, later.exitCode(), later::toString);
        assertTrue(later.out().contains("Note: the data cutoff, " + HandClinic.AS_OF + ", is before the period starts (2026-01-01)"),
                later::toString);
        assertFalse(later.out().contains("before the period ends"), later::toString);

        // a period the cutoff cuts short is counted, and said to be incomplete
        CdoRun cut = CdoRun.of("analyze", "--quarter", "2025-Q3", "--json", work.resolve("cut.json").toString(), "--db", db);
        assertEquals(0, cut.exitCode(), cut::toString);
        assertTrue(cut.out().contains("Note: the data cutoff, " + HandClinic.AS_OF + ", is before the period ends (2025-09-30): "
                + "injections after it are not counted, so the period's figures may be incomplete."), cut::toString);

        CdoRun kept = CdoRun.of("analyze", "--site", "north", "--json", work.resolve("kept.json").toString(), "--db", db);
        assertTrue(!kept.out().contains("Note:"), kept::toString);
    }

    /** A cutoff after today follows patients in follow-up beyond any record there can be: the analysis says so. */
    @Test
    void aCutoffAfterTodayIsPointedOut() {
        String later = LocalDate.now().plusYears(1).toString();
        CdoRun run = CdoRun.of("analyze", "--as-of", later, "--json", work.resolve("future.json").toString(), "--db", db);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Note: the data cutoff, " + later + ", is after today"), run::toString);
    }

    @Test
    void anEmptyDatabaseGivesAnEmptyAnalysisAsOfToday() throws IOException {
        String empty = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_analyze_empty"));
        Path json = work.resolve("empty.json");
        LocalDate before = LocalDate.now();

        CdoRun run = CdoRun.of("analyze", "--json", json.toString(), "--db", empty);

        assertEquals(0, run.exitCode(), run::toString);
        DocumentContext analysis = JsonPath.parse(Files.readString(json));
        assertTrue(List.of(before.toString(), LocalDate.now().toString()).contains(analysis.read("$.cohort.as_of")));
        assertEquals(List.of(0, 0), List.of(analysis.read("$.cohort.patients"), analysis.read("$.cohort.cycles")));
        assertEquals(List.of(), analysis.read("$.time_to_onset"));
        assertEquals(List.of(), analysis.read("$.side_effects"));
        assertTrue(run.out().contains("no visit or symptom yet"), run::toString);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Map<String, String> strings(Map<String, Object> object) {
        Map<String, String> strings = new java.util.HashMap<>();
        object.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
