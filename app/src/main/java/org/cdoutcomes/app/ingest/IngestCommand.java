package org.cdoutcomes.app.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.Failures;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.app.cli.PathConverter;
import org.cdoutcomes.app.cli.Terminal;
import org.cdoutcomes.app.cli.UnfinishedJobException;
import org.cdoutcomes.app.cli.WhenStopped;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.JobsConfiguration;
import org.cdoutcomes.ingest.IngestJobConfiguration;
import org.cdoutcomes.ingest.IngestOutcome;
import org.cdoutcomes.ingest.IngestProgress;
import org.cdoutcomes.ingest.IngestRequest;
import org.cdoutcomes.ingest.Ingester;
import org.cdoutcomes.ingest.store.IngestRuns;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.cdoutcomes.ingest.validate.DateParser;
import org.cdoutcomes.model.text.Counted;
import org.cdoutcomes.model.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cdo ingest}: loads patients, visits and symptoms files into the database and reports what it did. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Loads clinic exports (patients, visits, symptoms) into the database.",
        description = {
                "Loads clinic exports into the database: patients, visits (dose charts)",
                "and symptoms, as CSV (comma or semicolon, UTF-8) or .xlsx (first sheet).",
                "A folder is scanned for files whose names start with patients, visits or",
                "symptoms; a file named here is recognised by its name, else its header.",
                "",
                "Rows that break a rule are not stored: the reject report lists them",
                "(file, line, column, code, message); every other row is stored.",
                "Ingesting the same files again changes nothing; a corrected row replaces",
                "the stored one; a visit's rows replace its whole stored dose chart.",
                "",
                "Prints per file: rows read, inserted, updated, unchanged, rejected,",
                "warnings, and dose-chart muscles removed by a correction. A file that",
                "cannot be read is named with the reason; the other files still load.",
                "",
                "One ingest runs at a time per database: a second one waits for it.",
                "A killed or failed ingest resumes with cdo restart ID (see cdo jobs).",
                ""},
        footer = {"",
                "Examples:",
                "  cdo ingest exports/",
                "      every patients*, visits* and symptoms* file in exports/",
                "  cdo ingest visits-2025Q1.xlsx symptoms.csv --rejects q1-rejects.csv",
                "  cdo ingest exports/ --date-format dd/MM/yyyy",
                "      text dates written like 31/03/2025",
                "",
                "Exit status: 0 done (rejected rows do not fail an ingest), 1 a file",
                "could not be read or the run failed, 2 bad usage."})
public class IngestCommand implements Callable<Integer> {
    /** Fewer BAD_DATE rows than this are typing slips, not a file written in another date format. */
    private static final int BAD_DATES_NOTED = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files (.csv, .xlsx) or folders to ingest")
    List<String> paths;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "where to write the reject report (default: rejects-<run id>.csv in the working directory)")
    Path rejects;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "how text dates are written, as a java.time pattern such as dd/MM/yyyy or d.M.yyyy "
                    + "(default: yyyy-MM-dd; xlsx date cells are always read as dates; a two-digit year (dd/MM/yy) "
                    + "falls in the hundred years ending ten years from now: in 2026, 98 is 1998 and 27 is 2027, a future date; "
                    + "yyyy wants four digits; a year of one or three letters, as in d.M.y, is refused)")
    String dateFormat;

    @Override
    public Integer call() throws Exception {
        PathConverter.requireNoneEmpty(spec, paths);
        if (dateFormat != null) {
            try {
                DateParser.of(dateFormat);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--date-format: " + e.getMessage()
                        + "; expected a pattern such as dd/MM/yyyy");
            }
        }
        if (rejects != null) {
            OutputFile.check(spec, "--rejects", rejects);
        }
        RunUnderWay progress = progressOnTerminal();
        IngestOutcome outcome;
        List<IngestRuns.Superseded> abandoned = new ArrayList<>();
        // One ingest at a time per database, as cdo restart resumes one: the lock of the ingest job.
        try (WhenStopped stopped = WhenStopped.say(() -> {
                 progress.endLine();
                 return interrupted(progress.runId, progress.jobExecutionId);
             });
             CdoContext context = CdoContext.open(database, IngestJobConfiguration.class, JobsConfiguration.class)) {
            Ingester ingester = context.bean(Ingester.class);
            outcome = context.bean(JobRuns.class).exclusively(IngestJobConfiguration.JOB_NAME, () -> {
                IngestOutcome ingested = ingester.ingest(new IngestRequest(paths, rejects, dateFormat), progress);
                abandoned.addAll(ingester.abandonSuperseded(ingested));
                return ingested;
            });
        } catch (RuntimeException e) {
            // once the job has begun, the execution to resume is known: the message names it
            throw progress.jobExecutionId < 0 ? e : new UnfinishedJobException(progress.jobExecutionId, e);
        }
        report(outcome, System.out, System.err);
        for (FileResult file : outcome.files()) {
            // a whole file of dates in another format: every row rejected, and a correction run would shrink dose charts
            if (file.badDates() >= BAD_DATES_NOTED && file.badDates() * 2 > file.read()) {
                System.err.println("Note: " + file.badDates() + " of the " + file.read() + " rows of " + Printable.of(file.file())
                        + " have a date not written as " + (dateFormat == null ? DateParser.ISO_PATTERN : dateFormat)
                        + ": if its dates are written otherwise, ingest it again with --date-format (such as --date-format dd/MM/yyyy).");
            }
        }
        for (IngestRuns.Superseded run : abandoned) {
            System.out.println("ingest run " + run.runId() + " (job execution " + run.jobExecutionId() + "), which did not finish, "
                    + "read no file that this run did not read again: it is abandoned, with nothing left to restart");
        }
        if (!outcome.completed()) {
            System.err.println("ingest run " + outcome.runId() + " failed (status " + outcome.status() + ")"
                    + (outcome.failure() == null ? "" : ": " + Failures.sentence(outcome.failure()))
                    + "; it can be restarted with: cdo restart " + outcome.jobExecutionId());
            return 1;
        }
        return outcome.anyFileFailed() ? 1 : 0;
    }

    /** Progress on stderr when it is a terminal, else none (cdo ingest's, and cdo restart's of an ingest). */
    public static RunUnderWay progressOnTerminal() {
        return Terminal.stderrIsTerminal() ? new TerminalProgress(System.err, Terminal.columns(), Terminal.ellipsis()) : new RunUnderWay();
    }

    /** What an ingest prints at its end (also after cdo restart of one): {@link #print}, then each unreadable file on stderr. */
    public static void report(IngestOutcome outcome, PrintStream out, PrintStream err) {
        print(outcome, out);
        for (FileResult file : outcome.files()) {
            if (file.failed()) {
                err.println("cannot read " + Printable.of(file.file()) + ": " + Printable.of(file.failure()) + ".");
            }
        }
        if (outcome.completed() && outcome.anyFileFailed()) {
            // exit 1, yet nothing to restart: the run completed with the files it could read
            boolean othersRead = outcome.files().stream().anyMatch(file -> !file.failed());
            err.println("Nothing from the files above was stored" + (othersRead ? "; every other file was" : "")
                    + ". Once they are mended, ingest them again (a new run: this one has completed).");
        }
    }

    /** The run, its files and their counts, and where the reject report is. */
    public static void print(IngestOutcome outcome, PrintStream out) {
        // the run's number names its reject report; cdo jobs and cdo restart know the job execution's, which differs once a
        // run has been restarted
        out.println("ingest run " + outcome.runId() + " (job execution " + outcome.jobExecutionId() + " in cdo jobs)");
        // the file column as wide as its longest name, so that long paths keep the numbers aligned; in terminal columns,
        // as a name of Chinese or Japanese characters takes two a character
        int fileWidth = Math.max(40, outcome.files().stream().mapToInt(f -> Terminal.width(Printable.of(f.file()))).max().orElse(0));
        String format = "%s %-9s %10s %10s %10s %10s %10s %9s %8s%n";
        out.printf(Locale.ROOT, format, padded("file", fileWidth), "type", "read", "inserted", "updated", "unchanged", "rejected", "warnings",
                "removed");
        for (FileResult f : outcome.files()) {
            String file = padded(Printable.of(f.file()), fileWidth);
            if (f.failed()) {
                out.printf(Locale.ROOT, "%s %-9s FAILED: %s%n", file, f.recordType() == null ? "?" : f.recordType(), Printable.of(f.failure()));
            } else {
                out.printf(Locale.ROOT, format, file, f.recordType(), f.read(), f.inserted(), f.updated(), f.unchanged(), f.rejected(),
                        f.warnings(), f.musclesRemoved());
            }
        }
        long rejected = outcome.files().stream().mapToLong(FileResult::rejected).sum();
        // The report is the job's last step: a run that did not complete has not written it.
        out.println(Counted.of(rejected, "row") + " rejected; " + (outcome.completed()
                ? "reject report: " + outcome.rejectsFile() : "no reject report (the run did not finish)"));
    }

    /** The text followed by spaces up to that many terminal columns. */
    private static String padded(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - Terminal.width(text)));
    }

    /** What Ctrl-C or SIGTERM leaves, and how to go on: resume the job, once it has begun, or ingest again. */
    static String interrupted(long runId, long jobExecutionId) {
        return jobExecutionId < 0 ? "cdo: the ingest was stopped before its run began; nothing is stored. Ingest the same files again."
                : "cdo: ingest run " + runId + " (job execution " + jobExecutionId + ") was stopped before it finished; nothing "
                + "half-read is stored. Resume it with cdo restart " + jobExecutionId + ", or ingest the same files again.";
    }

    /** Shows no progress, and keeps the run under way once its job has begun (for the message of an interrupted ingest). */
    public static class RunUnderWay implements IngestProgress {
        volatile long runId = -1;
        volatile long jobExecutionId = -1;

        @Override
        public void started(long runId, long jobExecutionId) {
            this.runId = runId;
            this.jobExecutionId = jobExecutionId;
        }

        @Override
        public void reading(String file, long rows, double shareRead, boolean done) {
        }

        /** Ends the progress line that a message is about to follow (none is shown here). */
        public void endLine() {
        }
    }

    /**
     * Progress on a terminal: one line per file, rewritten in place. A line wider than the terminal wraps, and the carriage
     * return then rewrites only its last part, leaving a new line at each update: the line keeps within the terminal's
     * width less one column, a long path shown by its end (its file name), and a shorter line covers the longer one
     * before it.
     */
    static final class TerminalProgress extends RunUnderWay {
        /** Columns kept for the file's name before the rate is left out. */
        private static final int NAME_AT_LEAST = 16;
        private final int width;
        private final String ellipsis;
        private final PrintStream err;
        private String file;
        private long fileStartedAt;
        private long mergeStartedAt;
        private int shownWidth;
        /** Whether the last line printed awaits its end (a file being read, the merge under way). */
        private boolean lineOpen;
        private boolean stopped;

        /** @param ellipsis what stands for the left-out start of a long path ({@link Terminal#ellipsis}) */
        TerminalProgress(PrintStream err, int columns, String ellipsis) {
            this.err = err;
            this.width = Math.max(20, columns - 1);
            this.ellipsis = ellipsis;
        }

        @Override
        public synchronized void reading(String file, long rows, double shareRead, boolean done) {
            if (stopped) {
                return;
            }
            if (!file.equals(this.file)) {
                this.file = file;
                fileStartedAt = System.nanoTime();
            }
            double seconds = Math.max(1e-3, (System.nanoTime() - fileStartedAt) / 1e9);
            String share = Double.isNaN(shareRead) ? "" : String.format(Locale.ROOT, ", %3.0f%%", 100 * shareRead);
            String counts = String.format(Locale.ROOT, ": %s, %,.0f rows/s%s", Counted.grouped(rows, "row"), rows / seconds,
                    share.isEmpty() ? "" : share + " of the file");
            if (width - counts.length() < NAME_AT_LEAST) {
                // a narrow window: the rows and the share, with room for the name
                counts = ": " + Counted.grouped(rows, "row") + share;
            }
            String line = startOf(endOf(Printable.of(file), width - counts.length(), ellipsis) + counts, width);
            int lineWidth = Terminal.width(line);
            err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - lineWidth)) + (done ? "\n" : ""));
            shownWidth = done ? 0 : lineWidth;
            lineOpen = !done;
            err.flush();
        }

        /** The text, or as much of its start as {@code width} columns hold. */
        static String startOf(String text, int width) {
            int end = 0;
            int used = 0;
            while (end < text.length()) {
                int columns = Terminal.width(text.codePointAt(end));
                if (used + columns > width) {
                    break;
                }
                used += columns;
                end = text.offsetByCodePoints(end, 1);
            }
            return text.substring(0, end);
        }

        /** The text, or when it takes more than {@code width} columns its end after the ellipsis, within {@code width} (one character at least). */
        static String endOf(String text, int width, String ellipsis) {
            if (Terminal.width(text) <= width) {
                return text;
            }
            int start = text.length();
            int used = ellipsis.length();
            while (start > 0) {
                int before = text.offsetByCodePoints(start, -1);
                int columns = Terminal.width(text.codePointAt(before));
                if (used + columns > width && start < text.length()) {
                    break;
                }
                used += columns;
                start = before;
            }
            return ellipsis + text.substring(start);
        }

        @Override
        public synchronized void merging(long rows, boolean done) {
            if (stopped) {
                return;
            }
            if (done) {
                err.printf(Locale.ROOT, " done in %.1f s%n", (System.nanoTime() - mergeStartedAt) / 1e9);
                lineOpen = false;
            } else {
                mergeStartedAt = System.nanoTime();
                err.print("merging " + Counted.grouped(rows, "row") + " into the records (one transaction)...");
                lineOpen = true;
            }
            err.flush();
        }

        @Override
        public synchronized void endLine() {
            if (lineOpen) {
                err.println();
                lineOpen = false;
            }
            // the message that follows is the last line: the work's thread may still report progress meanwhile
            stopped = true;
        }
    }
}
