package org.cdoutcomes.app.pipeline;

import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.JobsConfiguration;
import org.cdoutcomes.app.jobs.RunningJobs;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The scheduled jobs. {@code run}: select the inbox's new files (or the paths given), ingest them, analyse and write
 * the report, move the inbox files out, publish the outputs and status.txt into the outbox. {@code report}: analyse
 * and write the report, publish. The work itself is a {@link PipelineStages} bean.
 */
@Configuration(proxyBeanMethods = false)
@Import(JobsConfiguration.class)
public class PipelineJobConfiguration {
    public static final String RUN_JOB = "run";
    public static final String REPORT_JOB = "report";

    /** The jobs' part of the settings (cdo.yml, {@code CDO_*} variables), which {@link CdoContext} provides. */
    @Bean
    PipelineSettings pipelineSettings(CdoSettings settings) {
        return new PipelineSettings(settings.inbox(), settings.outbox(), settings.schedules());
    }

    @Bean
    PipelineSteps pipelineSteps(PipelineStages stages, JobRepository repository) {
        return new PipelineSteps(stages, repository);
    }

    @Bean
    Job runJob(JobRepository repository, PlatformTransactionManager transactions, PipelineSteps steps, RunningJobs running) {
        return new JobBuilder(RUN_JOB, repository)
                .listener(running)
                .listener(new RunEndStatus())
                .start(step("selectFiles", steps::selectFiles, repository, transactions, running))
                .next(step("ingest", steps::ingest, repository, transactions, running))
                .next(step("report", steps::report, repository, transactions, running))
                .next(step("moveInputs", steps::moveInputs, repository, transactions, running))
                .next(step("publish", steps::publish, repository, transactions, running))
                .build();
    }

    @Bean
    Job reportJob(JobRepository repository, PlatformTransactionManager transactions, PipelineSteps steps, RunningJobs running) {
        return new JobBuilder(REPORT_JOB, repository)
                .listener(running)
                .listener(new RunEndStatus())
                .start(step("report", steps::report, repository, transactions, running))
                .next(step("publish", steps::publish, repository, transactions, running))
                .build();
    }

    @Bean
    PipelineLauncher pipelineLauncher(JobRuns runs, JobRepository repository, PipelineSettings settings,
                                      @Qualifier("runJob") Job runJob, @Qualifier("reportJob") Job reportJob) {
        return new PipelineLauncher(runs, repository, settings, runJob, reportJob);
    }

    private static Step step(String name, Tasklet tasklet, JobRepository repository, PlatformTransactionManager transactions,
                             RunningJobs running) {
        return new StepBuilder(name, repository).tasklet(tasklet, transactions).listener((StepExecutionListener) running).build();
    }
}
