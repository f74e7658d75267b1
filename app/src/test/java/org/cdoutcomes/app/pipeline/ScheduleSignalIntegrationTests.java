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

/** SIGTERM to {@code cdo schedule} while a job runs: the running step finishes, the job stops, the process exits 0. */
class ScheduleSignalIntegrationTests {
    @TempDir
    Path root;

    @Test
    void sigtermLetsTheRunningStepFinishStopsTheJobAndExitsZero() throws Exception {
        PipelineFixtures.clinic(root);
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("signal"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ScheduleChild.class.getName(), url, root.toString())
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
        assertThat(ingesting.await(120, TimeUnit.SECONDS)).as("the scheduled run began ingesting").isTrue();

        // kill(1) rather than Process.destroy(), which also closes the child's output before we have read it
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(child.exitValue()).as(output.toString()).isZero();
        assertThat(output).contains("Termination requested: starting no more jobs", "will stop when its running step has finished", "Schedule stopped");
        try (ConfigurableApplicationContext context = PipelineFixtures.open(url, root)) {
            JobRepository repository = context.getBean(JobRepository.class);
            assertThat(repository.getJobInstances("run", 0, 10)).hasSize(1);
            JobExecution stopped = repository.getLastJobExecution(repository.getLastJobInstance("run"));
            assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
            assertThat(stopped.getStepExecutions()).extracting(StepExecution::getStepName, StepExecution::getStatus)
                    .containsExactly(tuple("selectFiles", BatchStatus.COMPLETED), tuple("ingest", BatchStatus.COMPLETED), tuple("report", BatchStatus.STOPPED));

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
