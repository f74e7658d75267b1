package org.cdoutcomes.app;

import org.cdoutcomes.app.jobs.JobsCommand;
import picocli.CommandLine.Command;

/** The {@code cdo} command and its subcommands. */
@Command(name = "cdo",
        mixinStandardHelpOptions = true,
        versionProvider = CdoVersion.class,
        description = {
                "CD Outcomes: outcomes analytics for botulinum toxin treatment of cervical dystonia.",
                "",
                "Without --db (or CDO_DB_URL) the data lives in an embedded PostgreSQL",
                "under ./cdo-data/."},
        footer = {
                "",
                "A first look:  cdo demo",
                "Everyday use:  cdo ingest exports/",
                "               cdo report --out report.xlsx",
                "               cdo analyze --quarter 2026-Q3 --json q3.json",
                "Settings (clinic name, inbox, outbox, schedules, muscle groups, suppression)",
                "come from ./cdo.yml or --config FILE, and CDO_* variables override them.",
                "Each command has --help. Exit status: 0 done, 1 the job failed (cdo restart ID",
                "resumes it) or a file could not be read, 2 bad usage or configuration."},
        subcommands = {
                org.cdoutcomes.app.demo.DemoCommand.class,
                org.cdoutcomes.app.generate.GenerateCommand.class,
                org.cdoutcomes.app.ingest.IngestCommand.class,
                org.cdoutcomes.app.analyze.AnalyzeCommand.class,
                org.cdoutcomes.app.report.ReportCommand.class,
                org.cdoutcomes.app.pipeline.RunCommand.class,
                org.cdoutcomes.app.schedule.ScheduleCommand.class,
                JobsCommand.class,
                org.cdoutcomes.app.jobs.RestartCommand.class,
                picocli.CommandLine.HelpCommand.class,
        },
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 1)
public class CdoCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code cdo} without a command: the help, on stderr as for any usage error, and exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
