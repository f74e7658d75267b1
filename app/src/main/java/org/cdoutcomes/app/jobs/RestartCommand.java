package org.cdoutcomes.app.jobs;

import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.WhenStopped;
import org.cdoutcomes.app.ingest.IngestCommand;
import org.cdoutcomes.app.pipeline.ClinicPipelineConfiguration;
import org.cdoutcomes.app.pipeline.PipelineJobConfiguration;
import org.cdoutcomes.app.pipeline.RunCommand;
import org.cdoutcomes.ingest.IngestJobConfiguration;
import org.cdoutcomes.ingest.Ingester;
import org.cdoutcomes.model.text.Printable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cdo restart ID}: resumes a failed, stopped or crashed job execution where it stopped. */
@Command(name = "restart",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Restarts a failed or stopped job execution where it stopped.",
        description = {
                "Resumes a job execution that failed, was stopped, or was left running by a",
                "process that was killed (it is marked failed first): an ingest keeps the",
                "files it had staged, a run the steps it had finished. The ids are in",
                "cdo jobs, and a run's in its status.txt. Waits while the job runs",
                "elsewhere on the same database. Restart a killed ingest before ingesting",
                "newer exports: restarted after them, it would store its older rows over",
                "theirs.",
                ""},
        footer = {"",
                "Example:",
                "  cdo jobs          # find the id",
                "  cdo restart 42",
                "",
                "Exit status: 0 completed, 1 failed again (or an ingest with a file it",
                "could not read), 2 no such execution or nothing to restart."})
public class RestartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Parameters(paramLabel = "ID", description = "the job execution id")
    long executionId;

    @Override
    public Integer call() {
        try (CdoContext context = CdoContext.open(database, ClinicPipelineConfiguration.class)) {
            JobExecution execution;
            // an ingest's progress, as cdo ingest shows it (a run's ingest stage shows none, as under cdo run)
            IngestCommand.RunUnderWay progress = IngestCommand.progressOnTerminal();
            try (WhenStopped stopped = WhenStopped.say(() -> {
                     progress.endLine();
                     return "cdo: the restart of job execution " + executionId + " was stopped before it finished; run cdo restart "
                             + executionId + " again to resume it";
                 });
                 Ingester.ProgressShown shown = context.bean(Ingester.class).progressTo(progress)) {
                execution = context.bean(JobRuns.class).restart(executionId);
            } catch (RestartRefusedException e) {
                spec.commandLine().getErr().println("cdo: " + Printable.of(e.getMessage()));
                return 2;
            }
            long resumed = context.bean(JobRuns.class).resumedBy(execution);
            String which = resumed == executionId ? "execution " + executionId
                    : "execution " + executionId + " (last run as execution " + resumed + ")";
            spec.commandLine().getOut().println("Job " + execution.getJobInstance().getJobName() + ": " + which
                    + " restarted as execution " + execution.getId() + ", " + execution.getStatus());
            // what the job's own command prints at its end
            String job = execution.getJobInstance().getJobName();
            if (job.equals(IngestJobConfiguration.JOB_NAME)) {
                spec.commandLine().getOut().flush();
                IngestCommand.report(context.bean(Ingester.class).outcome(execution), System.out, System.err);
            } else if (job.equals(PipelineJobConfiguration.RUN_JOB) || job.equals(PipelineJobConfiguration.REPORT_JOB)) {
                RunCommand.printRun(execution, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return JobEndings.exitCode(execution, spec.commandLine().getErr());
        }
    }
}
