package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Exactly once: a run whose process is killed (SIGKILL, or halted at a point of the stages) and then restarted ends
 * with the same tables, inbox and outbox as an uninterrupted run.
 */
class KilledRunIntegrationTests {
    /** Delays after the child starts its job, spread over the job's few seconds with the slowed fake. */
    private static final long[] KILL_AFTER_MILLIS = {0, 150, 400, 700, 1000, 1300, 1500, 1650, 1800, 2000, 2600};

    @TempDir
    static Path root;

    private static Map<String, String> expectedFiles;
    private static List<String> expectedTables;

    @BeforeAll
    static void runUninterrupted() {
        Path clinic = PipelineFixtures.clinic(root.resolve("uninterrupted"));
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("killed")), clinic)) {
            PipelineJobIntegrationTests.start(context, PipelineFixtures.inboxRun(clinic));
            expectedFiles = PipelineFixtures.files(clinic);
            expectedTables = PipelineFixtures.tables(context);
        }
    }

    @Test
    void aRunKilledAtAnyPointAndRestartedEndsAsAnUninterruptedOne() throws Exception {
        List<String> interrupted = new ArrayList<>();
        for (long delay : KILL_AFTER_MILLIS) {
            String state = killThenRestart("sigkill-" + delay, delay, null);
            interrupted.add("SIGKILL after " + delay + " ms: " + state);
        }
        for (String point : List.of("ingest-after-first-file", "report-after-json")) {
            interrupted.add("halt at " + point + ": " + killThenRestart("halt-" + point, -1, point));
        }
        System.err.println("[killed runs] " + interrupted);
        assertThat(interrupted).filteredOn(state -> state.endsWith("restarted")).hasSizeGreaterThanOrEqualTo(5);
    }

    /** Runs the job in a child process, kills it, finishes the run here, compares; says what the kill left. */
    private String killThenRestart(String name, long killAfterMillis, String haltAt) throws Exception {
        Path clinic = PipelineFixtures.clinic(root.resolve(name));
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("killed"));
        Process child = startChild(url, clinic, haltAt);
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = drain(child, started);
        assertThat(started.await(120, TimeUnit.SECONDS)).as("child started its job").isTrue();
        if (killAfterMillis >= 0) {
            Thread.sleep(killAfterMillis);
            child.destroyForcibly();
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        reader.join();

        try (ConfigurableApplicationContext context = PipelineFixtures.open(url, clinic)) {
            String state = finish(context, clinic);
            assertThat(PipelineFixtures.files(clinic)).as(name).isEqualTo(expectedFiles);
            assertThat(PipelineFixtures.tables(context)).as(name).isEqualTo(expectedTables);
            return state;
        }
    }

    private static String finish(ConfigurableApplicationContext context, Path clinic) {
        JobRepository repository = context.getBean(JobRepository.class);
        JobInstance instance = repository.getLastJobInstance(PipelineJobConfiguration.RUN_JOB);
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        if (last == null) {
            // killed before the first execution was stored (perhaps after its instance was): start it again
            assertThat(PipelineJobIntegrationTests.start(context, PipelineFixtures.inboxRun(clinic)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            return (instance == null ? "not begun" : "instance without execution") + ", started";
        }
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return "completed";
        }
        String left = last.getStatus() + " in " + last.getStepExecutions().stream()
                .filter(step -> step.getStatus() != BatchStatus.COMPLETED).map(step -> step.getStepName()).findFirst().orElse("between steps");
        assertThat(context.getBean(JobRuns.class).restart(last.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return left + ", restarted";
    }

    private static Process startChild(String url, Path clinic, String haltAt) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                PipelineChild.class.getName(), url, clinic.toString()));
        if (haltAt != null) {
            command.add(haltAt);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static Thread drain(Process child, CountDownLatch started) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals(PipelineChild.STARTING)) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        return reader;
    }
}
