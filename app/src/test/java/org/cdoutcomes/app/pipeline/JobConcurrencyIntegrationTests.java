package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.schedule.CronSchedules;
import org.cdoutcomes.app.schedule.JobScheduler;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Two contexts on one database stand for two cdo processes: a scheduler and a manual run, or two schedulers. */
@ExtendWith(OutputCaptureExtension.class)
class JobConcurrencyIntegrationTests {
    private static final String WAITING = "Job run is running elsewhere on this database; waiting for it to end before starting";
    private static final String SKIPPED = "Scheduled start of job run skipped: it is still running";

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseAndStop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void aManualRunWaitsForTheRunningOneSaysSoOnceAndThenRuns(CapturedOutput output) throws Exception {
        PipelineFixtures.clinic(root);
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("concurrency"));
        try (ConfigurableApplicationContext first = PipelineFixtures.open(url, root);
             ConfigurableApplicationContext second = PipelineFixtures.open(url, root)) {
            blockIngest(first);
            Future<JobExecution> running = threads.submit(() -> first.getBean(PipelineLauncher.class).run(List.of()));
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            Future<JobExecution> waiting = threads.submit(() -> second.getBean(PipelineLauncher.class).run(List.of()));
            eventually(() -> output.getAll().contains(WAITING));
            Thread.sleep(500);
            assertThat(second.getBean(FakeStages.class).calls()).isEmpty();
            release.countDown();

            JobExecution one = running.get(60, TimeUnit.SECONDS);
            JobExecution two = waiting.get(60, TimeUnit.SECONDS);
            assertThat(one.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(two.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long firstEnded = first.getBean(FakeStages.class).calls().stream().mapToLong(FakeStages.Call::ended).max().orElseThrow();
            assertThat(second.getBean(FakeStages.class).calls()).extracting(FakeStages.Call::began).allMatch(began -> began > firstEnded);
            assertThat(output.getAll().lines().filter(line -> line.contains(WAITING))).hasSize(1);
            // the second found the inbox emptied by the first, under a run id of its own
            assertThat(PipelineRun.of("run", two.getJobParameters()).runId()).isNotEqualTo(PipelineRun.of("run", one.getJobParameters()).runId());
            assertThat(PipelineRun.of("run", two.getJobParameters()).statusFile()).content().startsWith("success: 0 files read, 0 unreadable;");
        }
    }

    @Test
    void aScheduledStartThatFindsTheJobRunningSkipsItAndSaysSo(CapturedOutput output) throws Exception {
        PipelineFixtures.clinic(root);
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("concurrency"));
        try (ConfigurableApplicationContext manual = PipelineFixtures.open(url, root);
             ConfigurableApplicationContext scheduler = PipelineFixtures.open(url, root)) {
            blockIngest(manual);
            Future<JobExecution> running = threads.submit(() -> manual.getBean(PipelineLauncher.class).run(List.of()));
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            Optional<JobExecution> skipped = scheduler.getBean(PipelineLauncher.class).startScheduled("run");

            assertThat(skipped).isEmpty();
            assertThat(output.getAll().lines().filter(line -> line.contains(SKIPPED))).hasSize(1);
            release.countDown();
            assertThat(running.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(scheduler.getBean(FakeStages.class).calls()).isEmpty();
        }
    }

    /**
     * A scheduled run and report falling due in the same second, on a fresh database: both complete. Batch creates
     * executions in SERIALIZABLE transactions, and PostgreSQL failed one of the two ("could not serialize access"),
     * which the schedule only logged: that quarter's report was lost until its next start.
     */
    @Test
    void aRunAndAReportStartedInTheSameMomentBothComplete() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path clinic = PipelineFixtures.clinic(root.resolve("round-" + round));
            String url = TestDatabases.jdbcUrl(TestDatabases.migrated("same_moment"));
            try (ConfigurableApplicationContext first = PipelineFixtures.open(url, clinic);
                 ConfigurableApplicationContext second = PipelineFixtures.open(url, clinic)) {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Optional<JobExecution>> run = threads.submit(() -> {
                    together.await();
                    return first.getBean(PipelineLauncher.class).startScheduled("run");
                });
                Future<Optional<JobExecution>> report = threads.submit(() -> {
                    together.await();
                    return second.getBean(PipelineLauncher.class).startScheduled("report");
                });

                assertThat(run.get(60, TimeUnit.SECONDS)).get().extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
                assertThat(report.get(60, TimeUnit.SECONDS)).get().extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
            }
        }
    }

    /** What SIGTERM does to cdo schedule: the running step finishes, the job stops, and a restart completes it. */
    @Test
    void stoppingTheScheduleFinishesTheRunningStepAndTheRunResumesOnRestart(CapturedOutput output) throws Exception {
        Path uninterrupted = PipelineFixtures.clinic(root.resolve("uninterrupted"));
        Path stopped = PipelineFixtures.clinic(root.resolve("stopped"));
        try (ConfigurableApplicationContext reference = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("stop")), uninterrupted);
             ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("stop")), stopped)) {
            PipelineJobIntegrationTests.start(reference, PipelineFixtures.inboxRun(uninterrupted));
            blockIngest(context);
            PipelineLauncher launcher = context.getBean(PipelineLauncher.class);
            JobScheduler scheduler = new JobScheduler(launcher, context.getBean(JobRuns.class),
                    CronSchedules.parse(Map.of("run", "* * * * * *"), launcher.jobNames()), () -> { });
            scheduler.start();
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            Future<?> stopping = threads.submit(() -> {
                scheduler.stop();
                return null;
            });
            Thread.sleep(1500);
            assertThat(stopping).isNotDone();
            release.countDown();
            stopping.get(60, TimeUnit.SECONDS);

            JobRepository repository = context.getBean(JobRepository.class);
            JobExecution execution = repository.getLastJobExecution(repository.getLastJobInstance("run"));
            assertThat(repository.getJobInstances("run", 0, 10)).hasSize(1);
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
            assertThat(output.getOut() + output.getErr()).contains("Job run (execution " + execution.getId() + ") ended STOPPED",
                    "cdo restart " + execution.getId() + " resumes it");
            assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName, StepExecution::getStatus)
                    .containsExactly(tuple("selectFiles", BatchStatus.COMPLETED),
                            tuple("ingest", BatchStatus.COMPLETED),
                            tuple("report", BatchStatus.STOPPED));
            assertThat(context.getBean(FakeStages.class).calls()).extracting(FakeStages.Call::stage).containsExactly("ingest");

            JobExecution resumed = context.getBean(JobRuns.class).restart(execution.getId());

            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            String runId = PipelineRun.of("run", resumed.getJobParameters()).runId();
            assertThat(PipelineFixtures.files(stopped)).isEqualTo(renamed(PipelineFixtures.files(uninterrupted), runId));
            assertThat(PipelineFixtures.tables(context)).isEqualTo(
                    PipelineFixtures.tables(reference).stream().map(row -> row.replace("run-20261005-060000", runId)
                            .replace("2026-10-05", resumed.getJobParameters().getLocalDateTime("runTime").toLocalDate().toString())).toList());
        }
    }

    /** The uninterrupted run's files as a run with another id and date gives them; its analysis names its as-of date. */
    private static Map<String, String> renamed(Map<String, String> files, String runId) {
        String date = runId.substring(4, 8) + "-" + runId.substring(8, 10) + "-" + runId.substring(10, 12);
        Map<String, String> renamed = new TreeMap<>();
        files.forEach((path, text) -> renamed.put(path.replace("run-20261005-060000", runId), text.replace("2026-10-05", date)));
        return renamed;
    }

    private void blockIngest(ConfigurableApplicationContext context) {
        context.getBean(FakeStages.class).on("ingest", runId -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
