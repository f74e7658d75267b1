package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.jobs.JobEndings;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cdo run [PATH...]}: the scheduled pipeline, once, now. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Runs the scheduled pipeline once: ingest the inbox's new files, analyse, report.",
        "Ingests the new files of the inbox (or the PATHs, which stay where they are), analyses, and writes the report, "
                + "the analysis JSON, the reject report and status.txt into OUTBOX/run-<yyyyMMdd-HHmmss>/. Inbox files move to "
                + "processed/<run id>/, unreadable ones to failed/ with a .reason.txt beside each. Waits while the pipeline "
                + "runs elsewhere on the same database.",
        "Exit status: 0 done, 1 a file could not be read or the job failed (cdo restart ID resumes it), 2 bad settings."})
public class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files or folders to ingest instead of the inbox's new files")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        try (CdoContext context = CdoContext.open(database, ClinicPipelineConfiguration.class)) {
            JobExecution execution;
            try {
                execution = context.bean(PipelineLauncher.class).run(paths);
            } catch (BadSettingException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            PipelineRun run = PipelineRun.of(execution.getJobInstance().getJobName(), execution.getJobParameters());
            spec.commandLine().getOut().println("Run " + run.runId() + " (job execution " + execution.getId() + "): " + run.runFolder());
            printStatus(run.statusFile());
            if (!run.movesInputs()) {
                printUnreadable((IngestOutcome) execution.getExecutionContext().get(PipelineSteps.INGEST));
            }
            return JobEndings.exitCode(execution, spec.commandLine().getErr());
        }
    }

    /** Files named on the command line stay where they are, so their reasons go to stderr. */
    private void printUnreadable(IngestOutcome outcome) {
        if (outcome != null) {
            outcome.files().stream().filter(FileOutcome::failed)
                    .forEach(file -> spec.commandLine().getErr().println(file.file() + ": " + file.failure()));
        }
    }

    private void printStatus(Path statusFile) {
        try {
            // print() of an autoflushing PrintWriter does not flush
            spec.commandLine().getOut().print(Files.readString(statusFile));
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            spec.commandLine().getErr().println("No status written to " + statusFile);
        }
    }
}
