package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.cdoutcomes.ingest.store.FileStager;
import org.cdoutcomes.ingest.store.IngestRuns;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.cdoutcomes.ingest.store.RejectReport;
import org.cdoutcomes.ingest.store.RunMerger;
import org.cdoutcomes.ingest.validate.DateParser;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: stage (one transaction per file: read, validate, COPY into the run's staging tables), merge (one
 * transaction for the run, under an advisory lock), report (the reject CSV). Every step is safe to run again, so a
 * run killed at any moment resumes with {@code JobOperator.restart} or is simply ingested again.
 */
@Configuration(proxyBeanMethods = false)
public class IngestJobConfiguration {
    public static final String JOB_NAME = "ingest";

    @Bean
    IngestRuns ingestRuns(JdbcTemplate jdbc) {
        return new IngestRuns(jdbc);
    }

    @Bean
    IngestProgressRelay ingestProgressRelay() {
        return new IngestProgressRelay();
    }

    @Bean
    Job ingestJob(JobRepository jobRepository, PlatformTransactionManager tm, DataSource dataSource, IngestRuns runs,
                  IngestProgressRelay progress) {
        Step stage = new StepBuilder("ingest-stage", jobRepository)
                .tasklet((contribution, chunk) -> {
                    JobParameters parameters = parameters(chunk);
                    long runId = parameters.getLong(Ingester.RUN_ID);
                    Optional<FileStager.StageFile> next = runs.nextToStage(runId);
                    if (next.isEmpty()) {
                        return RepeatStatus.FINISHED;
                    }
                    LocalDate runDate = LocalDate.parse(parameters.getString(Ingester.RUN_DATE));
                    FileStager stager = new FileStager(DateParser.of(parameters.getString(Ingester.DATE_FORMAT), runDate), runDate, progress);
                    IngestStepCounts.read(contribution, stager.stage(DataSourceUtils.getConnection(dataSource), next.get()));
                    return RepeatStatus.CONTINUABLE;
                }, tm)
                .build();
        Step merge = new StepBuilder("ingest-merge", jobRepository)
                .tasklet((contribution, chunk) -> {
                    Connection connection = DataSourceUtils.getConnection(dataSource);
                    long runId = parameters(chunk).getLong(Ingester.RUN_ID);
                    long staged = runs.stagedRows(runId);
                    progress.merging(staged, false);
                    RunMerger.merge(connection, runId);
                    progress.merging(staged, true);
                    // the per-file counts the merge stored, read in its transaction
                    List<FileResult> files = runs.results(runId);
                    IngestStepCounts.merged(contribution, total(files, f -> f.inserted() + f.updated()), total(files, FileResult::rejected));
                    return RepeatStatus.FINISHED;
                }, tm)
                .build();
        Step report = new StepBuilder("ingest-report", jobRepository)
                .tasklet((contribution, chunk) -> {
                    JobParameters parameters = parameters(chunk);
                    long runId = parameters.getLong(Ingester.RUN_ID);
                    RejectReport.write(DataSourceUtils.getConnection(dataSource), runId, Path.of(parameters.getString(Ingester.REJECTS_FILE)));
                    return RepeatStatus.FINISHED;
                }, tm)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        long runId = execution.getJobParameters().getLong(Ingester.RUN_ID);
                        runs.executionStarted(runId, execution.getId());
                        progress.started(runId, execution.getId());
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        long runId = execution.getJobParameters().getLong(Ingester.RUN_ID);
                        if (execution.getStatus() == BatchStatus.COMPLETED) {
                            // the job's exit status: cdo jobs and cdo restart say the run had unreadable files
                            List<FileResult> files = runs.results(runId);
                            IngestStepCounts.unreadableFiles(execution, total(files, f -> f.failed() ? 1 : 0), files.size());
                        }
                        runs.executionEnded(runId, execution.getStatus().name());
                    }
                })
                .start(stage)
                .next(merge)
                .next(report)
                .build();
    }

    @Bean
    Ingester ingester(IngestRuns runs, JobOperator jobOperator, JobRepository jobRepository, Job ingestJob, ObjectProvider<Clock> clock,
                      IngestProgressRelay progress) {
        return new Ingester(runs, jobOperator, jobRepository, ingestJob, clock.getIfAvailable(Clock::systemDefaultZone), progress);
    }

    private static long total(List<FileResult> files, ToLongFunction<FileResult> count) {
        return files.stream().mapToLong(count).sum();
    }

    private static JobParameters parameters(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobParameters();
    }
}
