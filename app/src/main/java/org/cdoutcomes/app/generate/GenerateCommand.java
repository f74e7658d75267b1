package org.cdoutcomes.app.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.DateConverter;
import org.cdoutcomes.model.text.Counted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cdo generate}: writes a synthetic clinic's three CSV files. Starts neither Spring nor a database. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Writes patients.csv, visits.csv and symptoms.csv of a synthetic clinic.",
        description = {
                "The clinic looks like a real one to a neurologist: about 2 women to 1 man, the usual products "
                        + "and muscles, sessions every 12-16 weeks, onset of relief after about 5 days, relief wearing off "
                        + "after 10-14 weeks, side effects at the rates of the literature. Clinic staff typed it: brand "
                        + "names and abbreviations (Botox, SCM, L/R/B), a few records without record_id, and a handful "
                        + "of rows that break the rules of the input formats, so that `cdo ingest` and the report's "
                        + "Data quality sheet have something to show.",
                "",
                "The same options always write the same bytes. Without --from/--to the clinic's history covers the "
                        + "two years up to yesterday, so no record lies in the future; with them the output no longer "
                        + "depends on the day of the run."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  cdo generate --patients 2000 --out clinic",
                "  cdo generate --patients 2000 --seed 7 --out another-clinic",
                "  cdo generate --patients 100000 --from 2021-01-01 --to 2025-12-31 --out big",
                "  cdo ingest clinic",
                "",
                "Exit status: 0 written, 1 the files could not be written, 2 bad usage."},
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 1)
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--patients", required = true, paramLabel = "N",
            description = "number of patients (1-" + GeneratorOptions.MAX_PATIENTS + "); each has a patients.csv row, and "
                    + "most have injection visits and symptom records in the period")
    int patients;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "folder to write the three files into (created when missing; files of the same names are replaced)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
            description = "seed of the random clinic: another seed gives another clinic of the same kind (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
            description = "first day of the clinic's history, yyyy-MM-dd, given with --to (default: two years before --to)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
            description = "last day of the clinic's history, yyyy-MM-dd; nothing is dated later (default: yesterday)")
    LocalDate to;

    // cli.md: every command takes --db, and a script may pass it to each one it runs.
    @Option(names = "--db", paramLabel = "URL",
            description = "accepted, as by every cdo command, and not used: generate writes files and opens no database")
    String unusedDatabaseUrl;

    private final Clock clock;

    public GenerateCommand() {
        this(Clock.systemDefaultZone());
    }

    /** With the clock that says what "yesterday" is when --to is not given. */
    public GenerateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        GeneratorOptions options = options();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out must name a folder, but " + out + " is a file");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out must name a folder that can be created, but " + out
                    + " cannot (" + e.getClass().getSimpleName() + ")", e);
        }
        LocalDate today = LocalDate.now(clock);
        if (options.to().isAfter(today.minusDays(1))) {
            spec.commandLine().getErr().println("Note: --to " + options.to() + " is not before today: records dated after "
                    + "the day of an ingest are rejected as FUTURE_DATE.");
        }
        GenerationSummary summary;
        try {
            summary = SyntheticClinic.write(options, out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("Could not write the clinic to " + out + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage());
            return 1;
        }
        // the rows that break a rule are spread over the three files
        spec.commandLine().getOut().println("Wrote a synthetic clinic of " + Counted.of(summary.patients(), "patient") + ", "
                + summary.from() + " to " + summary.to() + " (seed " + options.seed() + "), to " + out + ": "
                + Counted.of(summary.patientRows(), "patient row") + ", " + Counted.of(summary.visitRows(), "visit row") + ", "
                + Counted.of(summary.symptomRows(), "symptom row") + "; " + summary.ruleBreakingRows() + " of these rows "
                + (summary.ruleBreakingRows() == 1 ? "breaks" : "break") + " a rule on purpose.");
        return 0;
    }

    private GeneratorOptions options() {
        // synthetic-clinic.md: --from and --to fix the period, and with them the output no longer depends on the day of
        // the run; --from alone would end it yesterday, a period that moves with the day
        if (from != null && to == null) {
            throw new ParameterException(spec.commandLine(), "--from needs --to too: with both the period is fixed, and the "
                    + "same options write the same files on any day (--to alone gives the two years up to it)");
        }
        LocalDate last = to != null ? to : LocalDate.now(clock).minusDays(1);
        LocalDate first = from != null ? from : GeneratorOptions.twoYearsBefore(last);
        try {
            return new GeneratorOptions(patients, seed, first, last);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
