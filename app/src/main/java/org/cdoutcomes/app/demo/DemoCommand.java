package org.cdoutcomes.app.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.analyze.AnalysisProgress;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.CdoException;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.app.cli.WhenStopped;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.JobsConfiguration;
import org.cdoutcomes.app.report.ReportRequest;
import org.cdoutcomes.app.report.ReportResult;
import org.cdoutcomes.app.report.ReportService;
import org.cdoutcomes.db.embedded.EmbeddedDatabase;
import org.cdoutcomes.ingest.IngestJobConfiguration;
import org.cdoutcomes.ingest.IngestOutcome;
import org.cdoutcomes.ingest.IngestProgress;
import org.cdoutcomes.ingest.IngestRequest;
import org.cdoutcomes.ingest.Ingester;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.cdoutcomes.model.text.Counted;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cdo demo}: a synthetic clinic in a database of its own, ingested, analysed and reported for the latest full
 * quarter, so a new user sees every part working without data of their own.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        headerHeading = "%n",
        header = "Shows CD Outcomes at work: a synthetic clinic generated, ingested, analysed and reported.",
        sortOptions = false,
        description = {
                "Shows CD Outcomes at work on a synthetic clinic: generates its exports",
                "(cdo generate: two years of visits and symptoms up to yesterday, a few",
                "rows breaking the rules on purpose), ingests them into a database of its",
                "own, then analyses the latest full quarter and writes, in DIR:",
                "",
                "  report-<quarter>.xlsx   the quarterly Excel report (cdo report)",
                "  analysis.json           the analysis for researchers (cdo analyze)",
                "  rejects.csv             the rows the ingest rejected, and why",
                "  clinic/                 the generated patients, visits and symptoms files",
                "",
                "The demo database is <data dir>/demo (./cdo-data/demo by default), replaced",
                "at each run (once another cdo demo using it has finished). With --db URL the",
                "demo runs on that PostgreSQL server instead, in a schema of its own in that",
                "database, " + DemoSchema.NAME + ", replaced in the same way; the database's other schemas",
                "are neither read nor written. Your own data (the database of CDO_DB_URL,",
                "which the demo does not use, or the one in ./cdo-data) is never touched.",
                ""},
        footer = {"",
                "Examples:",
                "  cdo demo",
                "      2,000 patients, files in ./cdo-demo",
                "  cdo demo --patients 20000 --out /tmp/big-demo",
                "  cdo demo --db jdbc:postgresql://dbserver:5432/cdo",
                "      the demo in schema " + DemoSchema.NAME + " of that database",
                "",
                "Exit status: 0 done, 1 the demo failed, 2 bad usage."})
public class DemoCommand implements Callable<Integer> {
    static final String DATABASE_FOLDER = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "2000",
            description = "how many patients the synthetic clinic has (default: ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cdo-demo",
            description = "folder for the report, the analysis, the reject report and the generated files "
                    + "(default: ./${DEFAULT-VALUE}; files of the same names are replaced)")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "cdo-data",
            description = "folder whose demo/ subfolder holds the demo's own database (default: ./${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL of a PostgreSQL database to run the demo in, in schema " + DemoSchema.NAME
                    + " (replaced at each run), instead of <data dir>/demo; user and password from $CDO_DB_USER / $CDO_DB_PASSWORD")
    String serverUrl;

    @Option(names = "--verbose", description = "log what happens (INFO and up) on stderr, and stack traces of failures")
    boolean verbose;

    private final DemoClinic clinic;
    private final Clock clock;

    /** Generates the clinic with {@code cdo generate}, the sibling command. */
    public DemoCommand() {
        this.clinic = this::generateWithCommand;
        this.clock = Clock.systemDefaultZone();
    }

    /** Generates the clinic with the given generator, on the given clock's day. */
    public DemoCommand(DemoClinic clinic, Clock clock) {
        this.clinic = clinic;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (patients < 1) {
            throw new ParameterException(spec.commandLine(), "--patients expects a number of patients, 1 or more, but got " + patients);
        }
        // before the clinic is generated, which replaces the previous demo's files
        OutputFile.checkFolder(spec, "--out", out);
        if (serverUrl != null && serverUrl.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--db " + CdoContext.EXPECTS_URL);
        }
        if (serverUrl == null) {
            OutputFile.checkFolder(spec, "--data-dir", dataDir);
        }
        // the settings (./cdo.yml, CDO_*) too: a bad one would end the demo with exit 2 after the files were replaced
        CdoSettings.load(null, System.getenv());
        // one day for the whole demo: a demo started before midnight reports the quarter its clinic's data fill
        Clock started = Clock.fixed(clock.instant(), clock.getZone());
        Path exports = out.resolve("clinic");
        AnalysisProgress progress = AnalysisProgress.onTerminal();
        IngestOutcome ingested;
        String where;
        ReportResult report;
        Path rejects = out.resolve("rejects.csv");
        // from the clinic's generation on, whose files it replaces in place
        try (WhenStopped stopped = WhenStopped.say(() -> {
                 progress.done();
                 return "cdo: demo was stopped before it finished (its clinic files may be cut short); run it again: it starts afresh";
             })) {
            clinic.generate(exports, patients, LocalDate.now(started).minusDays(1));

            Path database = dataDir.resolve(DATABASE_FOLDER);
            DemoSchema schema = serverUrl == null ? null : new DemoSchema();
            if (schema == null) {
                // replaced just before it is opened, so another cdo demo cannot slip in between
                EmbeddedDatabase.delete(database);
            }
            List<String> files = List.of("patients.csv", "visits.csv", "symptoms.csv").stream()
                    .map(name -> exports.resolve(name).toString()).toList();

            DatabaseOptions options = new DatabaseOptions();
            options.dataDir = dataDir;
            options.verbose = verbose;
            options.url = serverUrl;
            Class<?>[] jobs = {IngestJobConfiguration.class, JobsConfiguration.class};
            // the schema (when there is one) is released before its context closes the connections
            try (CdoContext cdo = schema == null ? CdoContext.openEmbedded(database, options, jobs)
                         : CdoContext.openInSchema(options, DemoSchema.NAME, schema, jobs);
                 DemoSchema held = schema) {
                where = schema == null ? database.toAbsolutePath().normalize().toString() : "schema " + DemoSchema.NAME + " of " + cdo.where();
                // under the ingest job's lock, as cdo ingest: cdo jobs takes a running execution whose lock is free for dead
                ingested = cdo.bean(JobRuns.class).exclusively(IngestJobConfiguration.JOB_NAME,
                        () -> cdo.bean(Ingester.class).ingest(new IngestRequest(files, rejects, null), IngestProgress.QUIET));
                checkIngested(ingested);
                ReportService reports = new ReportService(cdo.dataSource(), demoSettings(cdo.settings()), started);
                report = reports.write(ReportRequest.quarterInFolder(reports.defaultQuarter(null), out), progress);
                progress.done();
            }
        }

        PrintWriter stdout = spec.commandLine().getOut();
        long read = ingested.files().stream().mapToLong(FileResult::read).sum();
        long rejected = ingested.files().stream().mapToLong(FileResult::rejected).sum();
        stdout.printf(Locale.ROOT, "Demo clinic of %s ingested into %s: %s read, %d rejected on purpose.%n",
                Counted.of(patients, "patient"), where, Counted.of(read, "row"), rejected);
        stdout.printf(Locale.ROOT, "Report for %s (data as of %s): %s, %s.%n", report.period(),
                report.analysis().cohort().asOf(), Counted.of(report.patients(), "patient"), Counted.of(report.cycles(), "cycle"));
        stdout.println("  report:        " + report.workbook().toAbsolutePath().normalize());
        stdout.println("  analysis:      " + report.analysisJson().toAbsolutePath().normalize());
        stdout.println("  reject report: " + rejects.toAbsolutePath().normalize());
        stdout.println("  clinic files:  " + exports.toAbsolutePath().normalize());
        stdout.flush();
        return 0;
    }

    private static void checkIngested(IngestOutcome outcome) {
        for (FileResult file : outcome.files()) {
            if (file.failed()) {
                throw CdoException.jobFailed("the demo could not ingest its generated file " + file.file() + ": " + file.failure(), null);
            }
        }
        if (!outcome.completed()) {
            throw CdoException.jobFailed("the demo's ingest ended with status " + outcome.status(), null);
        }
    }

    /** The configured settings (muscle groups, suppression) under a name that cannot be taken for the clinic's own. */
    private static CdoSettings demoSettings(CdoSettings configured) {
        return new CdoSettings("Synthetic demo clinic (generated data)", configured.inbox(), configured.outbox(),
                configured.schedules(), configured.muscleGroupOverrides(), configured.suppressionThreshold());
    }

    /** Runs {@code cdo generate --patients N --out DIR}, which writes the clinic of synthetic-clinic.md. */
    private void generateWithCommand(Path folder, int count, LocalDate lastDay) {
        CommandLine generate = spec.root().subcommands().get("generate");
        if (generate == null) {
            throw CdoException.badUsage("cdo demo generates its clinic with cdo generate, which this build does not include");
        }
        int exitCode = generate.execute("--patients", Integer.toString(count), "--out", folder.toString(), "--to", lastDay.toString());
        if (exitCode == CdoException.BAD_USAGE) {
            throw CdoException.badUsage("cdo demo could not generate its clinic of " + count + " patients (see the message above)");
        } else if (exitCode != 0) {
            throw CdoException.jobFailed("cdo demo could not generate its clinic (cdo generate ended with exit status " + exitCode + ")", null);
        }
    }
}
