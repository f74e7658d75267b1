package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdoutcomes.app.jobs.EndedUnknown;
import org.cdoutcomes.app.jobs.JobEndings;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.RestartRefusedException;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.ingest.IngestStepCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class PipelineJobIntegrationTests {
    private static final String RUN_ID = "run-20261005-060000";
    private static final String STATUS = "failure: 2 files read, 1 unreadable (in the inbox's failed/ folder, each with its reason);"
            + " rows read 5, inserted 4, updated 0, unchanged 0, rejected 1, warnings 0; report 2026-Q3: 2 patients, 4 cycles";

    @TempDir
    Path root;

    @Test
    void aRunIngestsTheInboxMovesItsFilesAndFillsTheOutbox() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            JobExecution execution = start(context, PipelineFixtures.inboxRun(root));

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getExitStatus().getExitCode()).isEqualTo(IngestStepCounts.UNREADABLE_FILES);
            assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("1 of 3 files could not be read");
            // the ingest step's counts, as cdo jobs lists them: the status line's rows read, inserted + updated, rejected
            assertThat(execution.getStepExecutions()).filteredOn(step -> step.getStepName().equals("ingest")).singleElement()
                    .satisfies(step -> assertThat(List.of(step.getReadCount(), step.getWriteCount(), step.getFilterCount()))
                            .containsExactly(5L, 4L, 1L));
            assertThat(JobEndings.exitCode(execution, new PrintWriter(new StringWriter()))).isEqualTo(1);
            assertThat(PipelineFixtures.files(root)).isEqualTo(Map.of(
                    "inbox/processed/" + RUN_ID + "/patients.csv", "patient_id,site_id\nP1,main\nP2,north\n",
                    "inbox/processed/" + RUN_ID + "/visits.csv", "visit_id,patient_id,dose_units\nV1,P1,100\nV2,P1,BAD\nV3,P2,50\n",
                    "inbox/failed/notes.csv", "unreadable: a note someone saved here\n",
                    "inbox/failed/notes.csv.reason.txt", FakeStages.UNREADABLE_REASON + System.lineSeparator(),
                    "outbox/.keep", "",
                    "outbox/" + RUN_ID + "/analysis.json", "{\"asOf\":\"2026-10-05\",\"period\":\"2026-Q3\",\"rows\":4,\"files\":2}\n",
                    "outbox/" + RUN_ID + "/report-2026-Q3.xlsx", "period,rows\n2026-Q3,4\n",
                    "outbox/" + RUN_ID + "/rejects.csv", "file,line,column,code,message\nvisits.csv,3,value,BAD_NUMBER,not a number\n",
                    "outbox/" + RUN_ID + "/status.txt", STATUS + System.lineSeparator()));
            assertThat(PipelineFixtures.tables(context)).containsExactly(
                    "patients.csv:2:P1,main", "patients.csv:3:P2,north", "visits.csv:2:V1,P1,100", "visits.csv:4:V3,P2,50",
                    RUN_ID + ":3:4:2026-10-05");
        }
    }

    /** A process killed after Spring Batch stored the run's instance but before its execution does not block the run. */
    @Test
    void anInstanceLeftWithoutAnExecutionIsStartedAnyway() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            PipelineRun run = PipelineFixtures.inboxRun(root);
            JobRepository repository = context.getBean(JobRepository.class);
            repository.createJobInstance(PipelineJobConfiguration.RUN_JOB, run.toParameters());

            JobExecution execution = start(context, run);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(repository.getJobInstances(PipelineJobConfiguration.RUN_JOB, 0, 10)).hasSize(1);
        }
    }

    @Test
    void pathsGivenAreIngestedWhereTheyAreAndTheInboxIsLeftAlone() throws Exception {
        PipelineFixtures.clinic(root);
        Path elsewhere = root.resolve("export/visits.csv");
        PipelineFixtures.write(elsewhere, "visit_id,patient_id,dose_units\nV9,P9,10\n");
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            JobExecution execution = context.getBean(PipelineLauncher.class).run(List.of(elsewhere));

            PipelineRun run = PipelineRun.of("run", execution.getJobParameters());
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(JobEndings.exitCode(execution, new PrintWriter(new StringWriter()))).isZero();
            assertThat(elsewhere).exists();
            assertThat(root.resolve("inbox/processed")).doesNotExist();
            assertThat(root.resolve("inbox/notes.csv")).exists();
            assertThat(Files.readString(run.statusFile())).isEqualTo(
                    "success: 1 file read, 0 unreadable; rows read 1, inserted 1, updated 0, unchanged 0, rejected 0, warnings 0;"
                            + " report " + run.runDate().minusMonths(3).getYear() + "-Q" + ((run.runDate().minusMonths(3).getMonthValue() - 1) / 3 + 1)
                            + ": 1 patient, 1 cycle" + System.lineSeparator());
        }
    }

    /** A run that fails in the middle, restarted, ends as the same run would have uninterrupted. */
    @ParameterizedTest
    @ValueSource(strings = {"ingest", "ingest-after-first-file", "report", "report-after-json"})
    void aFailedRunRestartedEndsAsAnUninterruptedOne(String failurePoint) {
        Path uninterrupted = PipelineFixtures.clinic(root.resolve("uninterrupted"));
        Path restarted = PipelineFixtures.clinic(root.resolve("restarted"));
        try (ConfigurableApplicationContext reference = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), uninterrupted);
             ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), restarted)) {
            start(reference, PipelineFixtures.inboxRun(uninterrupted));
            context.getBean(FakeStages.class).failOnceAt(failurePoint);

            JobExecution failed = start(context, PipelineFixtures.inboxRun(restarted));
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(restarted.resolve("outbox/" + RUN_ID + "/status.txt")).content()
                    .startsWith("failure: failed in step " + failurePoint.replaceAll("-.*", "") + " (failure injected at " + failurePoint + ")"
                            // a report that failed says what its run's ingest did (the fixture's counts, as in STATUS)
                            + (failurePoint.startsWith("report") ? "; ingested: 2 files read, 1 unreadable; rows read 5, inserted 4, "
                            + "updated 0, unchanged 0, rejected 1, warnings 0" : "") + "; restart it with: cdo restart " + failed.getId());
            assertThat(restarted.resolve("inbox/visits.csv")).exists();

            JobExecution resumed = context.getBean(JobRuns.class).restart(failed.getId());

            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(PipelineFixtures.files(restarted)).isEqualTo(PipelineFixtures.files(uninterrupted));
            assertThat(PipelineFixtures.tables(context)).isEqualTo(PipelineFixtures.tables(reference));
        }
    }

    /**
     * A new inbox run first resumes the one that failed after its ingest: that run's files, already stored, are still
     * in the inbox, and reading them again beside newer files would sum a dose chart with its correction. So the
     * failed run completes with its own files, and the new run reads only what came since.
     */
    @ParameterizedTest
    @ValueSource(strings = {"FAILED", "UNKNOWN"})
    void aNewInboxRunFirstResumesTheRunThatDidNotFinish(String ending) throws Exception {
        Path clinic = PipelineFixtures.clinic(root.resolve("clinic"));
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), clinic)) {
            context.getBean(FakeStages.class).failOnceAt("report");
            JobExecution failed = start(context, PipelineFixtures.inboxRun(clinic));
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            if (ending.equals("UNKNOWN")) {
                // as Batch leaves a run whose step could not roll back, its database gone: restartable all the same
                EndedUnknown.record(new JdbcTemplate(context.getBean(DataSource.class)), failed.getId());
            }
            PipelineFixtures.write(clinic.resolve("inbox/visits-later.csv"), "visit_id,patient_id,dose_units\nV9,P2,60\n");

            List<JobExecution> resumed = new ArrayList<>();
            JobExecution next = context.getBean(PipelineLauncher.class).run(List.of(), resumed::add);

            assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(next.getId()).isNotEqualTo(failed.getId());
            assertThat(resumed).as("what cdo run prints first").singleElement().satisfies(execution -> {
                assertThat(execution.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            });
            assertThat(context.getBean(JobRepository.class).getLastJobExecution(failed.getJobInstance()).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
            Map<String, String> files = PipelineFixtures.files(clinic.resolve("inbox/processed"));
            String newRun = PipelineRun.of(PipelineJobConfiguration.RUN_JOB, next.getJobParameters()).runId();
            assertThat(files.keySet()).containsExactlyInAnyOrder(RUN_ID + "/patients.csv", RUN_ID + "/visits.csv",
                    newRun + "/visits-later.csv");
            // the failed run's ingest is not repeated: resumed, it reports (its failed report is no call), then the new run
            assertThat(context.getBean(FakeStages.class).calls()).extracting(call -> call.stage() + " " + call.runId())
                    .containsExactly("ingest " + RUN_ID, "report " + RUN_ID, "ingest " + newRun, "report " + newRun);
        }
    }

    /**
     * A resumed run that fails again is the outcome, told once: it is not also told as a run resumed first (cdo run
     * printed it twice), and no new run starts.
     */
    @Test
    void aResumedRunThatFailsAgainIsTheOutcomeAlone() {
        Path clinic = PipelineFixtures.clinic(root.resolve("clinic"));
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), clinic)) {
            context.getBean(FakeStages.class).failOnceAt("report");
            JobExecution failed = start(context, PipelineFixtures.inboxRun(clinic));
            context.getBean(FakeStages.class).failOnceAt("report");

            List<JobExecution> resumed = new ArrayList<>();
            JobExecution outcome = context.getBean(PipelineLauncher.class).run(List.of(), resumed::add);

            assertThat(outcome.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(outcome.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
            assertThat(resumed).as("what cdo run prints before its outcome").isEmpty();
            assertThat(context.getBean(JobRepository.class).getJobInstances(PipelineJobConfiguration.RUN_JOB, 0, 10)).hasSize(1);
        }
    }

    /**
     * A run killed after its last step committed but before Batch marked it complete runs no step on restart; it ends
     * with its unreadable files counted all the same, and the command exits 1 as the uninterrupted run did.
     */
    @Test
    void aRunKilledAfterItsLastStepKeepsItsUnreadableFilesOnRestart() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            JobExecution completed = start(context, PipelineFixtures.inboxRun(root));
            new JdbcTemplate(context.getBean(DataSource.class)).update("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN',"
                    + " exit_message = '', end_time = null where job_execution_id = ?", completed.getId());

            JobExecution resumed = context.getBean(JobRuns.class).restart(completed.getId());

            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(resumed.getStepExecutions()).as("no step ran again").isEmpty();
            assertThat(resumed.getExitStatus().getExitCode()).isEqualTo(IngestStepCounts.UNREADABLE_FILES);
            assertThat(resumed.getExitStatus().getExitDescription()).isEqualTo("1 of 3 files could not be read");
            assertThat(JobEndings.exitCode(resumed, new PrintWriter(new StringWriter()))).isEqualTo(1);
        }
    }

    @Test
    void theReportJobAnalysesWhatIsStoredAndPublishesTheReport() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            start(context, PipelineFixtures.inboxRun(root));
            PipelineRun report = new PipelineRun(PipelineJobConfiguration.REPORT_JOB, PipelineFixtures.RUN_TIME.plusDays(1), null, root.resolve("outbox"), List.of());

            JobExecution execution = start(context, report);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(PipelineFixtures.files(root.resolve("outbox/report-20261006-060000"))).isEqualTo(Map.of(
                    "analysis.json", "{\"asOf\":\"2026-10-06\",\"period\":\"2026-Q3\",\"rows\":4,\"files\":2}\n",
                    "report-2026-Q3.xlsx", "period,rows\n2026-Q3,4\n",
                    "status.txt", "success: report 2026-Q3: 2 patients, 4 cycles" + System.lineSeparator()));
            assertThat(context.getBean(FakeStages.class).calls()).extracting(FakeStages.Call::stage).containsExactly("ingest", "report", "report");
        }
    }

    /** A run left UNKNOWN, as Batch leaves one whose step's rollback failed as its database went away, is restarted. */
    @Test
    void aRunLeftUnknownIsRestartedAndEndsAsAnUninterruptedOne() {
        Path uninterrupted = PipelineFixtures.clinic(root.resolve("uninterrupted"));
        Path restarted = PipelineFixtures.clinic(root.resolve("restarted"));
        try (ConfigurableApplicationContext reference = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), uninterrupted);
             ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), restarted)) {
            start(reference, PipelineFixtures.inboxRun(uninterrupted));
            context.getBean(FakeStages.class).failOnceAt("ingest-after-first-file");
            JobExecution failed = start(context, PipelineFixtures.inboxRun(restarted));
            EndedUnknown.record(new JdbcTemplate(context.getBean(DataSource.class)), failed.getId());

            JobExecution resumed = context.getBean(JobRuns.class).restart(failed.getId());

            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(PipelineFixtures.files(restarted)).isEqualTo(PipelineFixtures.files(uninterrupted));
            assertThat(PipelineFixtures.tables(context)).isEqualTo(PipelineFixtures.tables(reference));
        }
    }

    /** cdo restart names the execution it resumed: an execution restarted before is resumed from its last one. */
    @Test
    void aRestartOfAnExecutionRestartedBeforeResumesItsLastOne() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            FakeStages stages = context.getBean(FakeStages.class);
            JobRuns runs = context.getBean(JobRuns.class);
            stages.failOnceAt("report");
            JobExecution first = start(context, PipelineFixtures.inboxRun(root));
            stages.failOnceAt("report");
            JobExecution second = runs.restart(first.getId());
            assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);

            JobExecution third = runs.restart(first.getId());

            assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(runs.resumedBy(second)).isEqualTo(first.getId());
            assertThat(runs.resumedBy(third)).isEqualTo(second.getId());
        }
    }

    @Test
    void restartRefusesWhatItCannotRestartWithASentence() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            JobExecution completed = start(context, PipelineFixtures.inboxRun(root));
            JobRuns runs = context.getBean(JobRuns.class);

            assertThatThrownBy(() -> runs.restart(completed.getId() + 1000))
                    .isInstanceOf(RestartRefusedException.class)
                    .hasMessage("There is no job execution " + (completed.getId() + 1000) + " (cdo jobs lists them).");
            assertThatThrownBy(() -> runs.restart(completed.getId()))
                    .isInstanceOf(RestartRefusedException.class)
                    .hasMessage("Job execution " + completed.getId() + " has already completed; there is nothing to restart.");
        }
    }

    /** Both missing folders are named at once: fixing one would only uncover the other at the next attempt. */
    @Test
    void missingInboxAndOutboxAreNamedTogether() {
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            assertThatThrownBy(() -> context.getBean(PipelineLauncher.class).run(List.of()))
                    .isInstanceOf(BadSettingException.class)
                    .hasMessage("outbox: " + root.resolve("outbox").toAbsolutePath().normalize() + " is not an existing folder; create it, "
                            + "or name another in cdo.yml (outbox: PATH) or CDO_OUTBOX; and inbox: "
                            + root.resolve("inbox").toAbsolutePath().normalize() + " is not an existing folder; create it, "
                            + "or name another in cdo.yml (inbox: PATH) or CDO_INBOX");
        }
    }

    /** A misspelt job in the schedules setting is named by cdo run, not first by cdo schedule on the day it starts. */
    @Test
    void aScheduleOfNoJobIsNamedBeforeARunStarts() {
        PipelineFixtures.clinic(root);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root,
                Map.of("runn", "0 6 * * *", "report", "0 7 1 1,4,7,10 *"))) {
            assertThatThrownBy(() -> context.getBean(PipelineLauncher.class).run(List.of()))
                    .isInstanceOf(BadSettingException.class)
                    .hasMessage("schedules.runn: no such job; the jobs are report, run");
            assertThat(context.getBean(JobRepository.class).getLastJobInstance(PipelineJobConfiguration.RUN_JOB)).isNull();
        }
    }

    /** A run that could not write its folders would fail, and fail again each time the next run resumed it. */
    @Test
    void anInboxOrOutboxThatCannotBeWrittenIsNamedBeforeARunStarts() throws IOException {
        PipelineFixtures.clinic(root);
        Path outbox = root.resolve("outbox");
        Files.move(outbox, root.resolve("outbox-files"));
        // /proc: a folder no one, root included, can create a file in
        Files.createSymbolicLink(outbox, Path.of("/proc"));
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("pipeline")), root)) {
            PipelineLauncher launcher = context.getBean(PipelineLauncher.class);
            assertThatThrownBy(() -> launcher.run(List.of()))
                    .isInstanceOf(BadSettingException.class)
                    .hasMessage("outbox: " + outbox.toAbsolutePath().normalize() + " cannot be written (a folder for each run is created "
                            + "in it); allow it, or name another folder in cdo.yml (outbox: PATH) or CDO_OUTBOX");
            Files.delete(outbox);
            Files.move(root.resolve("outbox-files"), outbox);
            Path inbox = root.resolve("inbox");
            Files.move(inbox, root.resolve("inbox-files"));
            Files.createSymbolicLink(inbox, Path.of("/proc"));
            assertThatThrownBy(() -> launcher.run(List.of()))
                    .isInstanceOf(BadSettingException.class)
                    .hasMessage("inbox: " + inbox.toAbsolutePath().normalize() + " cannot be written (the files a run reads are moved "
                            + "to processed/ in it); allow it, or name another folder in cdo.yml (inbox: PATH) or CDO_INBOX");
            assertThat(context.getBean(JobRepository.class).getLastJobInstance(PipelineJobConfiguration.RUN_JOB)).isNull();
        }
    }

    static JobExecution start(ConfigurableApplicationContext context, PipelineRun run) {
        Job job = context.getBean(run.jobName() + "Job", Job.class);
        JobRuns runs = context.getBean(JobRuns.class);
        return runs.exclusively(job.getName(), () -> runs.start(job, run.toParameters()));
    }
}
