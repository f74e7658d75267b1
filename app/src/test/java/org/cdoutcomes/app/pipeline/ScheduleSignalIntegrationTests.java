package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/** SIGTERM to {@code cdo schedule} or {@code cdo run} while a job runs: the running step finishes, the job stops, the process exits 0. */
class ScheduleSignalIntegrationTests {
    @TempDir
    Path root;

    @Test
    void sigtermLetsTheRunningStepFinishStopsTheJobAndExitsZero() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("signal"));
        Terminated schedule = terminatedWhileIngesting(ScheduleChild.class, url);

        assertThat(schedule.exitValue()).as(schedule.output()).isZero();
        assertThat(schedule.output()).contains("Termination requested: starting no more jobs", "will stop when its running step has finished",
                "Schedule stopped");
        // the signal's notice is a line of the schedule's log, with its level and logger, as every other
        assertThat(schedule.output().lines().filter(line -> line.contains("Stopping the schedule when the running step has finished")))
                .singleElement().asString().contains(" INFO ", "ScheduleCommand");
        assertStoppedAfterIngestAndResumable(url);
    }

    /** cdo run, as README promises: SIGTERM (or Ctrl-C) lets the running step finish, stops the job and exits 0. */
    @Test
    void sigtermToAManualRunStopsItAfterItsRunningStepAndExitsZero() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("run_signal"));
        Terminated run = terminatedWhileIngesting(RunChild.class, url);

        assertThat(run.exitValue()).as(run.output()).isZero();
        assertThat(run.output()).contains("Stopping when the running step has finished", "Stopped as asked; resume it with: cdo restart ");
        assertStoppedAfterIngestAndResumable(url);
    }

    private record Terminated(int exitValue, String output) {
    }

    /** Starts the child over a clinic under root, sends it SIGTERM while its fake ingest runs, and waits for its end. */
    private Terminated terminatedWhileIngesting(Class<?> childClass, String url) throws Exception {
        PipelineFixtures.clinic(root);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                childClass.getName(), url, root.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CountDownLatch ingesting = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.equals(ScheduleChild.INGESTING)) {
                        ingesting.countDown();
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        reader.start();
        assertThat(ingesting.await(120, TimeUnit.SECONDS)).as("the run began ingesting").isTrue();

        // kill(1) rather than Process.destroy(), which also closes the child's output before we have read it
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        reader.join();
        return new Terminated(child.exitValue(), output.toString());
    }

    private void assertStoppedAfterIngestAndResumable(String url) throws Exception {
        try (ConfigurableApplicationContext context = PipelineFixtures.open(url, root)) {
            JobRepository repository = context.getBean(JobRepository.class);
            assertThat(repository.getJobInstances("run", 0, 10)).hasSize(1);
            JobExecution stopped = repository.getLastJobExecution(repository.getLastJobInstance("run"));
            assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
            assertThat(stopped.getStepExecutions()).extracting(StepExecution::getStepName, StepExecution::getStatus)
                    .containsExactly(tuple("selectFiles", BatchStatus.COMPLETED), tuple("ingest", BatchStatus.COMPLETED), tuple("report", BatchStatus.STOPPED));
            // the stop came as the report step began: the status line says so, with what the ingest had done
            assertThat(PipelineRun.of("run", stopped.getJobParameters()).statusFile()).content()
                    .startsWith("failure: stopped before step report; ingested: 2 files read, 1 unreadable; rows read ")
                    .endsWith("; restart it with: cdo restart " + stopped.getId() + System.lineSeparator());

            JobExecution resumed = context.getBean(JobRuns.class).restart(stopped.getId());

            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            PipelineRun run = PipelineRun.of("run", resumed.getJobParameters());
            assertThat(PipelineFixtures.files(root).keySet()).containsExactlyInAnyOrderElementsOf(List.of(
                    "inbox/processed/" + run.runId() + "/patients.csv", "inbox/processed/" + run.runId() + "/visits.csv",
                    "inbox/failed/notes.csv", "inbox/failed/notes.csv.reason.txt", "outbox/.keep",
                    "outbox/" + run.runId() + "/analysis.json", "outbox/" + run.runId() + "/report-" + "2026-Q3.xlsx",
                    "outbox/" + run.runId() + "/rejects.csv", "outbox/" + run.runId() + "/status.txt"));
        }
    }
}
