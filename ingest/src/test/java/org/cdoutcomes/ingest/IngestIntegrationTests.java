package org.cdoutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataIntegrityViolationException;

/** End-to-end runs of the ingest job on hand-written files; every expectation is worked out from input-formats.md. */
class IngestIntegrationTests {
    @TempDir
    Path dir;

    static final String VISITS_HEADER = "visit_id,patient_id,visit_date,product,muscle,side,dose_units,guidance,site_id";

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static FileResult file(IngestOutcome outcome, String suffix) {
        return outcome.files().stream().filter(f -> f.file().endsWith(suffix)).findFirst().orElseThrow();
    }

    /** read, inserted, updated, unchanged, rejected, warnings, muscles removed. */
    private static void counts(FileResult f, long... expected) {
        assertEquals(List.of(expected[0], expected[1], expected[2], expected[3], expected[4], expected[5], expected[6]),
                List.of(f.read(), f.inserted(), f.updated(), f.unchanged(), f.rejected(), f.warnings(), f.musclesRemoved()), f.file());
    }

    @Test
    void dirtyCorpusRejectsExactlyTheBrokenRowsAndReingestChangesNothing() throws Exception {
        Path clinic = dir.resolve("clinic");
        write("clinic/visits.csv", VISITS_HEADER + ",comment\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,50,emg,,first\n"             // 2 ok
                + "V1,P1,2025-01-10,Botox,splenius,R,60,emg,,\n"             // 3 ok
                + "\n"                                                        // 4 blank: skipped, not counted
                + "V2,P2,2025-02-30,Botox,SCM,L,50,,,\n"                     // 5 BAD_DATE
                + "V3,P2,2025-01-11,Botax,SCM,L,50,,,\n"                     // 6 UNKNOWN_CODE product
                + "V4,P2,2025-01-12,Dysport,SCM,L,0,,,\n"                    // 7 OUT_OF_RANGE dose
                + "V5,P3,2025-01-13,Dysport,SCM,L,abc,,,\n"                  // 8 BAD_NUMBER
                + "V6,P3,2026-01-01,Dysport,SCM,L,100,,,\n"                  // 9 FUTURE_DATE (run day 2025-06-30)
                + "V7,P3,2025-01-14,Dysport,\"SCM,L,100,,,\n"                // 10 MALFORMED_ROW, resumes at 11
                + "V8,P4,2025-01-15,Xeomin,trap,B,100,,,\n"                  // 11 ok
                + "V9,P4,,Xeomin,trap,B,100,,,\n"                            // 12 MISSING_FIELD visit_date
                + "V10,P4,2025-01-16,Xeomin,trap,B,100,,,,extra\n"           // 13 MALFORMED_ROW (11 cells, header 10)
                + "V11,P5,2025-01-17,Xeomin,\"levator\nscapulae\",L,30,,,\n" // 14-15 ok (quoted cell over two lines)
                + "V12,P5,2025-01-18,Botox,SCM,L,500,,,\n");                 // 16 ok, DOSE_ABOVE_USUAL_MAX
        write("clinic/symptoms.csv", "\uFEFFrecord_id;patient_id;recorded_on;kind;term;value;visit_id;source\r\n"
                + "S1;P1;2025-01-20;relief_onset;;;V1;patient_diary\r\n"    // 2 ok
                + "S2;P1;2025-01-21;score;twstrs_total;88;V1;clinician\r\n" // 3 OUT_OF_RANGE value
                + "S3;P1;2025-01-22;adverse_event;dysphagia;2;V1;phone\r\n" // 4 ok
                + ";P1;2025-01-23;score;tsui;12,5;;\r\n"                     // 5 BAD_NUMBER (a comma decimal)
                + "S5;P1;2025-01-24;adverse_event;;;;\r\n"                  // 6 MISSING_FIELD term
                + "S6;P1;2025-01-25;relief;;;;\r\n"                         // 7 UNKNOWN_CODE kind
                + "S7;;2025-01-26;relief_onset;;;;\r\n"                     // 8 MISSING_FIELD patient_id
                + "S8;P1;2025-01-27;relief_wear_off;;;;fax\r\n"             // 9 UNKNOWN_CODE source
                + ";P6;2025-01-28;score;pain_nrs;3;;\r\n");                 // 10 ok (identity: patient, date, kind, term)
        write("clinic/patients.csv", "patient_id,sex,birth_year,cd_pattern,diagnosis_date\n"
                + "P1,F,1970,torticollis,2019-05-01\n"                       // 2 ok
                + "P2,female,1970,,\n"                                       // 3 UNKNOWN_CODE sex
                + "P3,M,1899,,\n"                                            // 4 OUT_OF_RANGE birth_year
                + "P4,M,19x0,,\n"                                            // 5 BAD_NUMBER
                + "P5,X,1980,,2025-07-01\n");                                // 6 FUTURE_DATE
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_dirty")) {
            IngestOutcome first = ctx.ingest(clinic);
            assertTrue(first.completed());
            String c = clinic.toString();
            List<String> expectedReport = List.of(
                    "file,line,column,code",
                    c + "/patients.csv,3,sex,UNKNOWN_CODE",
                    c + "/patients.csv,4,birth_year,OUT_OF_RANGE",
                    c + "/patients.csv,5,birth_year,BAD_NUMBER",
                    c + "/patients.csv,6,diagnosis_date,FUTURE_DATE",
                    c + "/symptoms.csv,3,value,OUT_OF_RANGE",
                    c + "/symptoms.csv,5,value,BAD_NUMBER",
                    c + "/symptoms.csv,6,term,MISSING_FIELD",
                    c + "/symptoms.csv,7,kind,UNKNOWN_CODE",
                    c + "/symptoms.csv,8,patient_id,MISSING_FIELD",
                    c + "/symptoms.csv,9,source,UNKNOWN_CODE",
                    c + "/visits.csv,5,visit_date,BAD_DATE",
                    c + "/visits.csv,6,product,UNKNOWN_CODE",
                    c + "/visits.csv,7,dose_units,OUT_OF_RANGE",
                    c + "/visits.csv,8,dose_units,BAD_NUMBER",
                    c + "/visits.csv,9,visit_date,FUTURE_DATE",
                    c + "/visits.csv,10,,MALFORMED_ROW",
                    c + "/visits.csv,12,visit_date,MISSING_FIELD",
                    c + "/visits.csv,13,,MALFORMED_ROW");
            assertEquals(expectedReport, reportWithoutMessages(first.rejectsFile()));
            counts(file(first, "patients.csv"), 5, 1, 0, 0, 4, 0, 0);
            counts(file(first, "symptoms.csv"), 9, 3, 0, 0, 6, 0, 0);
            counts(file(first, "visits.csv"), 13, 5, 0, 0, 8, 2, 0);
            assertEquals(List.of("DOSE_ABOVE_USUAL_MAX:16", "UNKNOWN_COLUMN:1"), ctx.jdbc.queryForList(
                    "select code || ':' || line from ingest_warning where run_id = ? order by code", String.class, first.runId()));
            assertEquals(18L, ctx.jdbc.queryForObject("select count(*) from ingest_reject where run_id = ?", Long.class, first.runId()));
            // The merge checked the record foreign keys set-based (dropped and added back): they are in place again.
            assertEquals(List.of("symptom_patient_id_fkey", "visit_muscle_visit_id_fkey", "visit_patient_id_fkey"), ctx.jdbc.queryForList(
                    "select conname from pg_constraint where contype = 'f' and conrelid::regclass::text in ('visit', 'visit_muscle', 'symptom') "
                            + "order by 1", String.class));
            assertThrows(DataIntegrityViolationException.class, () -> ctx.jdbc.update(
                    "insert into symptom (patient_id, recorded_on, kind) values ('P404', '2025-01-05', 'relief_onset')"));
            // A first load rebuilt the secondary indexes and the unreferenced primary keys (dropped and created again): they
            // are in place, the keys as constraints, and it analyzed the tables.
            assertEquals(List.of("symptom_pkey", "visit_muscle_pkey", "visit_pkey"), ctx.jdbc.queryForList("select conname from pg_constraint "
                    + "where contype = 'p' and conrelid::regclass::text in ('visit', 'visit_muscle', 'symptom') order by 1", String.class));
            assertEquals(List.of("symptom_natural_key", "symptom_patient_date", "symptom_pkey", "symptom_record_id", "visit_muscle_pkey",
                    "visit_patient_date", "visit_pkey"), ctx.jdbc.queryForList("select indexrelid::regclass::text from pg_index "
                    + "where indrelid::regclass::text in ('visit', 'visit_muscle', 'symptom') order by 1", String.class));
            assertEquals(List.of("patient", "symptom", "visit", "visit_muscle"), ctx.jdbc.queryForList(
                    "select distinct tablename::text from pg_stats where tablename in ('patient', 'visit', 'visit_muscle', 'symptom') "
                            + "order by 1", String.class));

            Map<String, List<String>> records = ctx.records();
            // Sites: the patients file has no site_id column, P4-P6 come from visits and symptoms: main, the default.
            assertEquals(List.of("P1|main|F|1970|2019-05-01|torticollis", "P4|main|null|null|null|null",
                    "P5|main|null|null|null|null", "P6|main|null|null|null|null"), records.get(IngestTestContext.RECORD_TABLES.get(0)));
            assertEquals(List.of("V11|P5|2025-01-17|incobotulinumtoxinA|null", "V12|P5|2025-01-18|onabotulinumtoxinA|null",
                    "V1|P1|2025-01-10|onabotulinumtoxinA|null", "V8|P4|2025-01-15|incobotulinumtoxinA|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(1)));
            assertEquals(List.of("V11|levator_scapulae|left|30|null", "V12|sternocleidomastoid|left|500|null",
                    "V1|splenius_capitis|right|60|emg", "V1|sternocleidomastoid|left|50|emg", "V8|trapezius|bilateral|100|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(2)));
            assertEquals(List.of("S1|P1|2025-01-20|relief_onset|null|null|V1|patient_diary",
                    "S3|P1|2025-01-22|adverse_event|dysphagia|2|V1|phone", "null|P6|2025-01-28|score|pain_nrs|3|null|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(3)));
            String report = Files.readString(first.rejectsFile());
            for (String secret : List.of("P1", "P2", "P3", "P4", "88", "12,5")) {
                assertFalse(report.replace(c, "").contains(secret), "report repeats " + secret);
            }

            IngestOutcome again = ctx.ingest(clinic);
            assertEquals(records, ctx.records());
            counts(file(again, "patients.csv"), 5, 0, 0, 1, 4, 0, 0);
            counts(file(again, "symptoms.csv"), 9, 0, 0, 3, 6, 0, 0);
            counts(file(again, "visits.csv"), 13, 0, 0, 5, 8, 2, 0);
        }
    }

    private static List<String> reportWithoutMessages(Path report) throws Exception {
        return Files.readAllLines(report).stream()
                .map(line -> String.join(",", List.of(line.split(",", -1)).subList(0, 4)))
                .collect(Collectors.toList());
    }

    @Test
    void filesInAnyOrderGiveTheSameStateAndPatientsFileFillsInCreatedPatients() throws Exception {
        Path patients = write("patients.csv", "patient_id,site_id,sex\nP1,north,F\nP2,,M\n");
        Path visits = write("visits.csv", VISITS_HEADER + "\nV1,P1,2025-01-10,Botox,SCM,L,50,,\nV2,P3,2025-01-11,Dysport,trap,R,200,,south\n");
        Path symptoms = write("symptoms.csv", "patient_id,recorded_on,kind,term,value\nP1,2025-01-20,relief_onset,,\nP4,2025-01-21,score,tsui,7\n");
        Map<String, List<String>> inOrder;
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_order_a")) {
            ctx.ingest(patients, visits, symptoms);
            inOrder = ctx.records();
        }
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_order_b")) {
            ctx.ingest(symptoms, visits);
            IngestOutcome late = ctx.ingest(patients);
            // P1 was created by the visit with every field absent: the patients file fills it in (updated); P2 is new.
            counts(file(late, "patients.csv"), 2, 1, 1, 0, 0, 0, 0);
            assertEquals(inOrder, ctx.records());
        }
        // An absent site is the default, main: P2's cell, and P3 and P4, created from a visit and a symptom.
        assertEquals(List.of("P1|north|F|null|null|null", "P2|main|M|null|null|null", "P3|main|null|null|null|null",
                "P4|main|null|null|null|null"), inOrder.get(IngestTestContext.RECORD_TABLES.get(0)));
    }

    @Test
    void correctionsReplaceStoredRowsAndAChartCorrectionRemovesAMuscle() throws Exception {
        Path v1 = write("a/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,50,,\nV1,P1,2025-01-10,Botox,trap,R,40,,\nV1,P1,2025-01-10,Botox,SCM,L,10,,\n"
                + "V2,P1,2025-04-10,Botox,SCM,L,50,,\n");
        Path s1 = write("a/symptoms.csv", "record_id,patient_id,recorded_on,kind,term,value\n"
                + "R1,P1,2025-01-20,score,tsui,9\n,P1,2025-01-21,score,pain_nrs,4\n");
        Path v2 = write("b/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,60,emg,\nV2,P1,2025-04-10,Botox,SCM,L,50,,\n");
        Path s2 = write("b/symptoms.csv", "record_id,patient_id,recorded_on,kind,term,value\n"
                + "R1,P1,2025-01-20,score,tsui,8\n,P1,2025-01-21,score,pain_nrs,4\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_correct")) {
            IngestOutcome first = ctx.ingest(v1, s1);
            counts(file(first, "a/visits.csv"), 4, 4, 0, 0, 0, 0, 0);
            assertEquals(List.of("V1|sternocleidomastoid|left|60|null", "V1|trapezius|right|40|null", "V2|sternocleidomastoid|left|50|null"),
                    ctx.records().get(IngestTestContext.RECORD_TABLES.get(2)), "two rows of one muscle and side are added together");
            IngestOutcome second = ctx.ingest(v2, s2);
            // V1's chart changes (guidance given, trapezius gone): its row is updated, one muscle removed; V2 unchanged.
            counts(file(second, "b/visits.csv"), 2, 0, 1, 1, 0, 0, 1);
            counts(file(second, "b/symptoms.csv"), 2, 0, 1, 1, 0, 0, 0);
            Map<String, List<String>> records = ctx.records();
            assertEquals(List.of("V1|sternocleidomastoid|left|60|emg", "V2|sternocleidomastoid|left|50|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(2)));
            assertEquals(List.of("R1|P1|2025-01-20|score|tsui|8|null|null", "null|P1|2025-01-21|score|pain_nrs|4|null|null"),
                    records.get(IngestTestContext.RECORD_TABLES.get(3)));
        }
    }

    /**
     * The job's steps count what cdo jobs lists: staging the rows read of the files it staged (blank rows aside, an
     * unreadable file none), the merge the rows inserted or updated as written and the rejected rows as filtered.
     * A run with an unreadable file completes (it is not restartable) with an exit code and description saying so.
     */
    @Test
    void stepExecutionsCountRowsReadWrittenAndRejected() throws Exception {
        String patients = "patient_id,site_id,sex\nP1,main,F\nP2,,M\n,,\nP3,,female\n";  // blank row; P3's sex UNKNOWN_CODE
        Path p1 = write("a/patients.csv", patients);
        Path v1 = write("a/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-02,Botox,SCM,L,20,,\nV1,P1,2025-01-02,Botox,trap,R,30,,\n"
                + "V2,P2,2025-01-03,Botox,SCM,L,0,,\n");                                   // V2's dose OUT_OF_RANGE
        Path p2 = write("b/patients.csv", patients);
        Path v2 = write("b/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-02,Botox,SCM,L,25,,\n"                                    // V1's chart corrected
                + "V3,P2,2025-02-01,Dysport,SCM,L,100,,\n");                               // new
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_steps")) {
            IngestOutcome first = ctx.ingest(p1, v1, dir.resolve("a/symptoms-missing.csv"));
            counts(file(first, "a/patients.csv"), 3, 2, 0, 0, 1, 0, 0);
            counts(file(first, "a/visits.csv"), 3, 2, 0, 0, 1, 0, 0);
            // read 3 + 3; written 2 + 2 inserted; filtered 1 + 1 rejected
            assertEquals(List.of("ingest-stage|6|0|0|0", "ingest-merge|0|4|2|0", "ingest-report|0|0|0|0"), steps(ctx, first));
            assertEquals("COMPLETED|" + IngestStepCounts.UNREADABLE_FILES + "|1 of 3 files could not be read", job(ctx, first));

            IngestOutcome second = ctx.ingest(p2, v2);
            counts(file(second, "b/patients.csv"), 3, 0, 0, 2, 1, 0, 0);
            counts(file(second, "b/visits.csv"), 2, 1, 1, 0, 0, 0, 1);
            // read 3 + 2; written V3 inserted + V1 updated (the unchanged patients are not); filtered P3
            assertEquals(List.of("ingest-stage|5|0|0|0", "ingest-merge|0|2|1|0", "ingest-report|0|0|0|0"), steps(ctx, second));
            assertEquals("COMPLETED|COMPLETED|", job(ctx, second));
        }
    }

    /**
     * A run killed after its last step committed but before Batch marked it complete runs no step on restart, and
     * still ends saying its unreadable file (Batch alone would end it NOOP, which the command reports as success).
     */
    @Test
    void aRunKilledAfterItsLastStepKeepsItsUnreadableFilesOnRestart() throws Exception {
        Path patients = write("a/patients.csv", "patient_id,site_id,sex\nP1,main,F\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_restart_unreadable")) {
            IngestOutcome first = ctx.ingest(patients, dir.resolve("a/visits-missing.csv"));
            ctx.jdbc.update("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', exit_message = '', end_time = null"
                    + " where job_execution_id = ?", first.jobExecutionId());
            JobOperator operator = ctx.bean(JobOperator.class);
            JobExecution restarted = operator.restart(operator.recover(ctx.bean(JobRepository.class).getJobExecution(first.jobExecutionId())));
            assertEquals(List.of(), List.copyOf(restarted.getStepExecutions()), "no step ran again");
            assertEquals("COMPLETED|" + IngestStepCounts.UNREADABLE_FILES + "|1 of 2 files could not be read",
                    restarted.getStatus() + "|" + restarted.getExitStatus().getExitCode() + "|" + restarted.getExitStatus().getExitDescription());
        }
    }

    /**
     * DOSE_ABOVE_USUAL_MAX per input-formats.md's product table: a visit's total (its rows summed) above the product's
     * figure warns, at the figure exactly it does not; the warning is on the visit's first row and the visit is stored.
     */
    @Test
    void aVisitsTotalAboveItsProductsUsualMaximumWarnsAndAtTheMaximumDoesNot() throws Exception {
        StringBuilder visits = new StringBuilder(VISITS_HEADER + "\n");
        // product alias, the table's figure: one visit at it, in two rows; one just above it
        String[][] products = {{"Botox", "400"}, {"Dysport", "1500"}, {"Xeomin", "400"}, {"Myobloc", "15000"}, {"Daxxify", "500"}};
        for (int i = 0; i < products.length; i++) {
            BigDecimal limit = new BigDecimal(products[i][1]);
            BigDecimal half = limit.divide(BigDecimal.valueOf(2));
            visits.append("AT").append(i).append(",P1,2025-0").append(i + 1).append("-01,").append(products[i][0]).append(",SCM,L,")
                    .append(half).append(",,\n");
            visits.append("AT").append(i).append(",P1,2025-0").append(i + 1).append("-01,").append(products[i][0]).append(",trap,R,")
                    .append(half).append(",,\n");
            visits.append("ABOVE").append(i).append(",P2,2025-0").append(i + 1).append("-02,").append(products[i][0]).append(",SCM,L,")
                    .append(half).append(",,\n");
            visits.append("ABOVE").append(i).append(",P2,2025-0").append(i + 1).append("-02,").append(products[i][0]).append(",trap,R,")
                    .append(half.add(new BigDecimal("0.5"))).append(",,\n");
        }
        Path file = write("limits/visits.csv", visits.toString());
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_usual_max")) {
            IngestOutcome outcome = ctx.ingest(file);
            counts(file(outcome, "visits.csv"), 20, 20, 0, 0, 0, 5, 0);
            // the ABOVE visit of product i starts on line 4 + 4 i
            assertEquals(List.of(4L, 8L, 12L, 16L, 20L), ctx.jdbc.queryForList(
                    "select line from ingest_warning where run_id = ? and code = 'DOSE_ABOVE_USUAL_MAX' order by line", Long.class,
                    outcome.runId()));
        }
    }

    /** Each step of the run's execution: name|read|written|filtered|skipped (read, process and write skips). */
    private static List<String> steps(IngestTestContext ctx, IngestOutcome outcome) {
        return ctx.jdbc.query("select step_name, read_count, write_count, filter_count, read_skip_count + process_skip_count + write_skip_count "
                        + "from batch_step_execution where job_execution_id = ? order by step_execution_id",
                (rs, i) -> rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5),
                outcome.jobExecutionId());
    }

    private static String job(IngestTestContext ctx, IngestOutcome outcome) {
        return ctx.jdbc.queryForObject("select status || '|' || exit_code || '|' || coalesce(exit_message, '') from batch_job_execution "
                + "where job_execution_id = ?", String.class, outcome.jobExecutionId());
    }

    @Test
    void aChartLineOfSeveralRowsTakesTheLastGuidanceGivenByFileThenLine() throws Exception {
        // Sternocleidomastoid left: emg (a, line 2), none (a, line 3), ultrasound (b, line 2), none (b, line 3): the
        // last given is b's. Trapezius right: emg on line 9, anatomic on line 11 of a (11 after 9 as numbers, not as text).
        Path a = write("a/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,10,emg,\nV1,P1,2025-01-10,Botox,SCM,L,5,,\n"
                + "V2,P1,2025-04-10,Botox,SCM,L,50,,\n".repeat(5)
                + "V1,P1,2025-01-10,Botox,trap,R,20,emg,\nV2,P1,2025-04-10,Botox,SCM,L,50,,\nV1,P1,2025-01-10,Botox,trap,R,20,anatomic,\n");
        Path b = write("b/visits.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,1,ultrasound,\nV1,P1,2025-01-10,Botox,SCM,L,1,,\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_guidance")) {
            ctx.ingest(b, a); // read a then b all the same: files are read in path order, whatever order they are named in
            assertEquals(List.of("V1|sternocleidomastoid|left|17|ultrasound", "V1|trapezius|right|40|anatomic",
                    "V2|sternocleidomastoid|left|300|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(2)));
            // again: the summed lines, their disagreeing guidance resolved the same way, equal the stored ones
            IngestOutcome again = ctx.ingest(a, b);
            counts(file(again, "a/visits.csv"), 10, 0, 0, 10, 0, 0, 0);
            counts(file(again, "b/visits.csv"), 2, 0, 0, 2, 0, 0, 0);
        }
    }

    /**
     * A first load writes new rows in the order the analysis reads them, patient id by code point ('Z' before 'a'), then
     * date, then visit, whatever their order in the files and their ids' own order: its index scans then walk the pages
     * in sequence. The physical order is the rows' ctid.
     */
    @Test
    void aFirstLoadWritesRowsInPatientThenDateOrder() throws Exception {
        Path visits = write("visits.csv", VISITS_HEADER + "\n"
                + "V1,b,2025-03-01,Botox,SCM,L,10,,\n"
                + "V2,a,2025-02-01,Botox,trap,R,10,,\nV2,a,2025-02-01,Botox,SCM,L,10,,\n"
                + "V3,a,2025-01-01,Botox,SCM,L,10,,\n"
                + "V4,Z,2025-05-01,Botox,SCM,L,10,,\n"
                + "V5,b,2025-01-01,Botox,SCM,L,10,,\n");
        Path symptoms = write("symptoms.csv", "record_id,patient_id,recorded_on,kind\n"
                + "S1,b,2025-03-05,relief_onset\nS2,a,2025-02-05,relief_onset\nS3,Z,2025-05-05,relief_onset\nS4,a,2025-01-05,relief_onset\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_write_order")) {
            ctx.ingest(visits, symptoms);
            assertEquals(List.of("V4", "V3", "V2", "V5", "V1"),
                    ctx.jdbc.queryForList("select visit_id from visit order by ctid", String.class));
            assertEquals(List.of("V4", "V3", "V2", "V2", "V5", "V1"),
                    ctx.jdbc.queryForList("select visit_id from visit_muscle order by ctid", String.class));
            assertEquals(List.of("S3", "S4", "S2", "S1"),
                    ctx.jdbc.queryForList("select record_id from symptom order by ctid", String.class));
        }
    }

    @Test
    void laterRowOfTheSameIdentityWinsWithinARunAndEveryRowCountsItsRecordsOutcome() throws Exception {
        Path s = write("symptoms.csv", "record_id,patient_id,recorded_on,kind,term,value\n"
                + "R1,P1,2025-01-20,score,tsui,9\nR1,P1,2025-01-20,score,tsui,9\nR1,P1,2025-01-20,score,tsui,5\n");
        Path p = write("more/patients.csv", "patient_id,sex\nP1,F\nP1,M\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_later")) {
            IngestOutcome outcome = ctx.ingest(s, p);
            counts(file(outcome, "symptoms.csv"), 3, 3, 0, 0, 0, 0, 0);
            counts(file(outcome, "patients.csv"), 2, 2, 0, 0, 0, 0, 0);
            Map<String, List<String>> records = ctx.records();
            assertEquals(List.of("R1|P1|2025-01-20|score|tsui|5|null|null"), records.get(IngestTestContext.RECORD_TABLES.get(3)));
            assertEquals(List.of("P1|main|M|null|null|null"), records.get(IngestTestContext.RECORD_TABLES.get(0)));
            // The same files again: the stored rows equal each identity's last row, so every row is unchanged.
            IngestOutcome again = ctx.ingest(p, s);
            counts(file(again, "symptoms.csv"), 3, 0, 0, 3, 0, 0, 0);
            counts(file(again, "patients.csv"), 2, 0, 0, 2, 0, 0, 0);
            assertEquals(records, ctx.records());
        }
    }

    /** Two files disagree on a patient: the one whose path sorts later wins, whichever order they are named in. */
    @Test
    void filesAreReadInPathOrderWhateverOrderTheyAreNamedIn() throws Exception {
        Path early = write("exports/patients-2025-01.csv", "patient_id,sex,birth_year\nP1,F,1960\nP2,M,1970\n");
        Path late = write("exports/patients-2025-02.csv", "patient_id,sex,birth_year\nP1,M,1961\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_path_order")) {
            IngestOutcome first = ctx.ingest(late, early);
            assertEquals(List.of("P1|main|M|1961|null|null", "P2|main|M|1970|null|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(0)));
            assertEquals(List.of("patients-2025-01.csv", "patients-2025-02.csv"),
                    first.files().stream().map(f -> f.file().replaceAll("^.*/", "")).toList());
            counts(file(first, "patients-2025-01.csv"), 2, 2, 0, 0, 0, 0, 0);
            counts(file(first, "patients-2025-02.csv"), 1, 1, 0, 0, 0, 0, 0);
            IngestOutcome again = ctx.ingest(early, late);
            counts(file(again, "patients-2025-01.csv"), 2, 0, 0, 2, 0, 0, 0);
            counts(file(again, "patients-2025-02.csv"), 1, 0, 0, 1, 0, 0, 0);
            assertEquals(List.of("P1|main|M|1961|null|null", "P2|main|M|1970|null|null"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(0)));
        }
    }

    /**
     * Symptom identities repeated within a file and across the two files of one run, stored before or not, by record_id
     * and by natural key, among many single rows: the last row of each identity is what is stored, and every row of it
     * counts its record's outcome (inserted when none was stored, else that last row against the stored one).
     */
    @Test
    void repeatedSymptomIdentitiesAmongManySinglesCountTheirRecordsOutcome() throws Exception {
        String header = "record_id,patient_id,recorded_on,kind,term,value,visit_id,source\n";
        Path stored = write("stored/symptoms.csv", header
                + "R1,P1,2025-01-10,score,tsui,5,,\n"
                + "R2,P1,2025-01-11,score,tsui,6,,\n"
                + ",P2,2025-01-10,adverse_event,dysphagia,2,,\n"
                + ",P2,2025-01-11,relief_onset,,,,\n"
                + "K1,P1,2025-01-12,score,pain_nrs,1,,\n"
                + "K2,P1,2025-01-13,score,pain_nrs,2,,\n"
                + ",P2,2025-01-12,score,tsui,3,,\n"
                + ",P2,2025-01-13,score,tsui,4,,\n");
        StringBuilder a = new StringBuilder(header
                + "R1,P1,2025-01-10,score,tsui,5,,\n"                      // 2 R1: stored 5, last row b:3 7: updated
                + "R3,P3,2025-02-01,score,tsui,1,,\n"                      // 3 R3, none stored: inserted
                + "R4,P3,2025-02-03,score,tsui,3,,\n"                      // 4 R4, none stored: inserted
                + "R2,P1,2025-01-11,score,tsui,8,,\n"                      // 5 R2: stored 6, last row b:4 6: unchanged
                + ",P2,2025-01-10,adverse_event,dysphagia,2,,\n"          // 6 N1: stored 2, last row b:5 3: updated
                + ",P2,2025-01-11,relief_onset,,,V1,\n"                   // 7 N2 (no term): stored without visit: updated
                + "R3,P3,2025-02-01,score,tsui,1,,\n"                      // 8 R3 again: inserted
                + ",P3,2025-02-01,score,pain_nrs,4,,\n"                   // 9 N3, none stored: inserted
                + ",P2,2025-01-11,relief_onset,,,V1,\n"                   // 10 N2 again: updated
                + "R1,P1,2025-01-10,score,tsui,7,,\n"                      // 11 R1 again: updated
                + ",P3,2025-02-02,relief_wear_off,,,,clinician\n"         // 12 N4, none stored: inserted
                + "R3,P3,2025-02-01,score,tsui,2,,\n"                      // 13 R3 again, last: inserted
                + ",P3,2025-02-02,relief_wear_off,,,,phone\n"             // 14 N4 again, source changed: inserted
                + "R5,P3,2025-02-01,score,pain_nrs,4,,\n"                  // 15 N3's values, but its own identity: inserted
                + "K1,P1,2025-01-12,score,pain_nrs,1,,\n"                  // 16 single, equals the stored row: unchanged
                + "K2,P1,2025-01-13,score,pain_nrs,9,,\n");                // 17 single, stored 2: updated
        List<String> singles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {                                    // 18-317 singles, none stored: inserted
            a.append("S").append(i).append(",P5,").append(LocalDate.of(2023, 1, 1).plusDays(i)).append(",score,tsui,").append(i % 26)
                    .append(",,\n");
            singles.add("S" + i + "|P5|" + LocalDate.of(2023, 1, 1).plusDays(i) + "|score|tsui|" + i % 26 + "|null|null");
        }
        StringBuilder b = new StringBuilder(header
                + "R4,P3,2025-02-03,score,tsui,4,,\n"                      // 2 R4 again (line 4 of a): inserted
                + "R1,P1,2025-01-10,score,tsui,7,,\n"                      // 3 R1 again, last: updated
                + "R2,P1,2025-01-11,score,tsui,6,,\n"                      // 4 R2 again, last, equal to the stored row: unchanged
                + ",P2,2025-01-10,adverse_event,dysphagia,3,,\n"          // 5 N1 again, last: updated
                + ",P3,2025-02-01,score,pain_nrs,4,,\n"                   // 6 N3 again: inserted
                + ",P3,2025-02-01,score,pain_nrs,5,,\n"                   // 7 N3 again, last: inserted
                + ",P2,2025-01-12,score,tsui,3,,\n"                       // 8 single, equals the stored row: unchanged
                + ",P2,2025-01-13,score,tsui,5,,\n"                       // 9 single, stored 4: updated
                + "S0,P5,2023-01-01,score,tsui,abc,,\n");                  // 10 BAD_NUMBER: rejected (S0 stays single)
        for (int i = 0; i < 200; i++) {                                    // 11-210 singles by natural key, none stored: inserted
            b.append(",P6,").append(LocalDate.of(2024, 1, 1).plusDays(i)).append(",relief_onset,,,,\n");
            singles.add("null|P6|" + LocalDate.of(2024, 1, 1).plusDays(i) + "|relief_onset|null|null|null|null");
        }
        Path fileA = write("a/symptoms.csv", a.toString());
        Path fileB = write("b/symptoms.csv", b.toString());
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_repeats")) {
            counts(file(ctx.ingest(stored), "stored/symptoms.csv"), 8, 8, 0, 0, 0, 0, 0);
            long lastStored = ctx.jdbc.queryForObject("select max(symptom_id) from symptom", Long.class);
            IngestOutcome run = ctx.ingest(fileA, fileB);
            counts(file(run, "a/symptoms.csv"), 316, 308, 6, 2, 0, 0, 0);
            counts(file(run, "b/symptoms.csv"), 209, 203, 3, 2, 1, 0, 0);
            List<String> expected = new ArrayList<>(List.of(
                    "R1|P1|2025-01-10|score|tsui|7|null|null",
                    "R2|P1|2025-01-11|score|tsui|6|null|null",
                    "null|P2|2025-01-10|adverse_event|dysphagia|3|null|null",
                    "null|P2|2025-01-11|relief_onset|null|null|V1|null",
                    "K1|P1|2025-01-12|score|pain_nrs|1|null|null",
                    "K2|P1|2025-01-13|score|pain_nrs|9|null|null",
                    "null|P2|2025-01-12|score|tsui|3|null|null",
                    "null|P2|2025-01-13|score|tsui|5|null|null",
                    "R3|P3|2025-02-01|score|tsui|2|null|null",
                    "R4|P3|2025-02-03|score|tsui|4|null|null",
                    "null|P3|2025-02-01|score|pain_nrs|5|null|null",
                    "null|P3|2025-02-02|relief_wear_off|null|null|null|phone",
                    "R5|P3|2025-02-01|score|pain_nrs|4|null|null"));
            expected.addAll(singles);
            expected.sort(null);
            assertEquals(expected, ctx.records().get(IngestTestContext.RECORD_TABLES.get(3)));
            // New rows went in in the analysis' reading order: patient id by code point, then date.
            List<String> inserted = ctx.jdbc.queryForList("select patient_id || ' ' || recorded_on from symptom where symptom_id > ? "
                    + "order by symptom_id", String.class, lastStored);
            assertEquals(505, inserted.size());
            assertEquals(ctx.jdbc.queryForList("select patient_id || ' ' || recorded_on from symptom where symptom_id > ? "
                    + "order by patient_id collate \"C\", recorded_on", String.class, lastStored), inserted);
        }
    }

    @Test
    void rowsOfOneVisitThatDisagreeAcrossFilesAreAllRejected() throws Exception {
        Path a = write("visits-a.csv", VISITS_HEADER + "\n"
                + "V1,P1,2025-01-10,Botox,SCM,L,50,,\nV2,P1,2025-02-10,Botox,SCM,L,50,,north\nV3,P1,2025-03-10,Botox,SCM,L,50,,north\n"
                + "V4,P1,2025-04-10,Botox,SCM,L,50,,north\nV4,P1,2025-04-10,Botox,SCM,R,50,,south\n"
                + "V5,P1,2025-05-10,Botox,SCM,L,50,,north\nV5,P1,2025-05-10,Botox,SCM,R,50,,south\n");
        Path b = write("visits-b.csv", "site_id,visit_date,product,visit_id,patient_id,muscle,side,dose_units\n"
                + ",2025-01-11,Botox,V1,P2,trap,R,40\nsouth,2025-02-10,Botox,V2,P1,trap,R,40\n,2025-03-10,Botox,V3,P1,trap,R,40\n"
                + ",2025-04-10,Botox,V4,P9,trap,R,40\n,2025-05-10,Botox,V5,P1,trap,R,40\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_conflict")) {
            IngestOutcome outcome = ctx.ingest(a, b);
            // V1 disagrees on patient and date: each row names the first in its own file's column order.
            // V2 disagrees on site only; V3 has one site given and one absent, which is no disagreement.
            // V4 disagrees on site (north, south) and patient: the row without a site, in a file that puts site first,
            // disagrees with the others on patient only. V5 disagrees on site alone: all its rows go, the one without
            // a site naming site too.
            assertEquals(List.of("visits-a.csv:2:patient_id:CONFLICTING_VISIT", "visits-a.csv:3:site_id:CONFLICTING_VISIT",
                            "visits-a.csv:5:patient_id:CONFLICTING_VISIT", "visits-a.csv:6:patient_id:CONFLICTING_VISIT",
                            "visits-a.csv:7:site_id:CONFLICTING_VISIT", "visits-a.csv:8:site_id:CONFLICTING_VISIT",
                            "visits-b.csv:2:visit_date:CONFLICTING_VISIT", "visits-b.csv:3:site_id:CONFLICTING_VISIT",
                            "visits-b.csv:5:patient_id:CONFLICTING_VISIT", "visits-b.csv:6:site_id:CONFLICTING_VISIT"),
                    ctx.jdbc.queryForList("select regexp_replace(file, '^.*/', '') || ':' || line || ':' || column_name || ':' || code "
                            + "from ingest_reject where run_id = ? order by file, line", String.class, outcome.runId()));
            assertEquals(List.of("V3|P1|2025-03-10|onabotulinumtoxinA|north"), ctx.records().get(IngestTestContext.RECORD_TABLES.get(1)));
            counts(file(outcome, "visits-a.csv"), 7, 1, 0, 0, 6, 0, 0);
        }
    }
}
