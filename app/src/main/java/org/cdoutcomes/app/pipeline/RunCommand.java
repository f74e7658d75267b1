package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.PathConverter;
import org.cdoutcomes.app.jobs.JobEndings;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.StopRequest;
import org.cdoutcomes.model.text.Printable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cdo run [PATH...]}: the scheduled pipeline, once, now. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Runs the scheduled pipeline once: ingest the inbox's new files, analyse, report.",
        description = {
                "Ingests the new files of the inbox (or the PATHs, which stay where they",
                "are), analyses, and writes the report of the latest full quarter, the",
                "analysis JSON, the reject report and status.txt into",
                "OUTBOX/run-<yyyyMMdd-HHmmss>/. Inbox files move to INBOX/processed/ into",
                "a folder of the same run-<yyyyMMdd-HHmmss> name, unreadable ones to",
                "INBOX/failed/ with a .reason.txt beside each. The inbox,",
                "outbox and clinic name come from cdo.yml (inbox, outbox, clinic-name) or",
                "CDO_INBOX, CDO_OUTBOX, CDO_CLINIC_NAME.",
                "",
                "Waits while the pipeline runs elsewhere on the same database. A run that",
                "failed, was stopped or was killed resumes with cdo restart ID (the id is",
                "in cdo jobs and in the run's status.txt).",
                ""},
        footer = {"",
                "Examples:",
                "  cdo run",
                "      the inbox's new files, then the report, into a new outbox folder",
                "  cdo run exports/2026-11/",
                "      these files instead of the inbox's (they are not moved)",
                "",
                "Exit status: 0 done, 1 a file could not be read or the job failed",
                "(cdo restart ID resumes it), 2 bad settings."})
public class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files or folders to ingest instead of the inbox's new files")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PathConverter.requireNoneEmpty(spec, paths);
        PrintWriter err = spec.commandLine().getErr();
        StopRequest stop = StopRequest.listen(err, "Stopping when the running step has finished");
        try (CdoContext context = CdoContext.open(database, ClinicPipelineConfiguration.class)) {
            if (stop.asked()) {
                err.println("Stopped as asked, before a run started.");
                return 0;
            }
            return runOnce(context.bean(PipelineLauncher.class), context.bean(JobRuns.class), paths.stream().map(Path::of).toList(),
                    spec.commandLine().getOut(), err, stop);
        }
    }

    /**
     * Runs the pipeline once and reports it. SIGTERM or Ctrl-C lets the running step finish and stops the job, which
     * {@code cdo restart} resumes; a second one quits at once.
     *
     * @return the exit status: 0 done or stopped as asked, 1 a file could not be read or the job failed, 2 bad settings
     */
    public static int runOnce(PipelineLauncher launcher, JobRuns runs, List<Path> paths, PrintWriter out, PrintWriter err, StopRequest stop) {
        stop.onStop(runs::stopRunning);
        JobExecution execution;
        try {
            execution = launcher.run(paths, resumed -> {
                out.println("First resumed, as it had not finished:");
                printRun(resumed, out, err);
            });
        } catch (BadSettingException e) {
            err.println("cdo: " + e.getMessage());
            return 2;
        }
        printRun(execution, out, err);
        if (stop.asked() && execution.getStatus() == BatchStatus.STOPPED) {
            err.println("Stopped as asked; resume it with: cdo restart " + execution.getId());
            return 0;
        }
        return JobEndings.exitCode(execution, err);
    }

    /** What a run or report job prints at its end (also after cdo restart of one): its folder, its status, unreadable files. */
    public static void printRun(JobExecution execution, PrintWriter out, PrintWriter err) {
        PipelineRun run = PipelineRun.of(execution.getJobInstance().getJobName(), execution.getJobParameters());
        out.println("Run " + run.runId() + " (job execution " + execution.getId() + "): " + run.runFolder());
        printStatus(run.statusFile(), out, err);
        if (!run.movesInputs()) {
            printUnreadable((IngestOutcome) execution.getExecutionContext().get(PipelineSteps.INGEST), err);
        }
    }

    /** Files named on the command line stay where they are, so their reasons go to stderr. */
    private static void printUnreadable(IngestOutcome outcome, PrintWriter err) {
        if (outcome != null) {
            outcome.files().stream().filter(FileOutcome::failed).forEach(file -> err.println(Printable.of(file.file().toString()) + ": " + Printable.of(file.failure())));
        }
    }

    private static void printStatus(Path statusFile, PrintWriter out, PrintWriter err) {
        try {
            // print() of an autoflushing PrintWriter does not flush
            out.print(Files.readString(statusFile));
            out.flush();
        } catch (IOException e) {
            err.println("No status written to " + statusFile);
        }
    }
}
