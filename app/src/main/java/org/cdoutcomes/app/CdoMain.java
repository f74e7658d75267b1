package org.cdoutcomes.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.ErrorReporter;
import org.cdoutcomes.app.cli.LibraryLogsWhenEnding;
import org.cdoutcomes.app.cli.PathConverter;
import org.cdoutcomes.app.cli.UsageErrors;
import picocli.CommandLine;

/** Entry point of {@code ./cdo}: picocli parses and teaches; only commands that need the database start Spring. */
public final class CdoMain {
    private static final String LOG_LEVEL = "CDO_LOG_LEVEL";
    private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final List<String> VERBOSE_LEVELS = List.of("TRACE", "DEBUG");
    /** Read by logback.xml: the pattern that prints a logged exception, which is left out unless asked for. */
    static final String LOG_EXCEPTIONS = "cdo.log.exceptions";
    /** Read by logback.xml: PLAIN writes log lines as sentences ("cdo: ..."), TIMED with time, level and logger (the default). */
    static final String LOG_STYLE = "cdo.log.style";

    private CdoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, true));
    }

    /** Runs a command in this JVM, which goes on after it (tests). */
    public static int run(String... args) {
        return run(args, false);
    }

    private static int run(String[] args, boolean ownJvm) {
        // logback reads it (logback.xml) and takes a level it does not know for DEBUG: every library's debug output
        String logLevel = System.getenv(LOG_LEVEL);
        if (logLevel != null && !LOG_LEVELS.contains(logLevel.strip().toUpperCase(Locale.ROOT))) {
            System.err.println("cdo: " + LOG_LEVEL + " expects one of " + String.join(", ", LOG_LEVELS) + ", got '" + logLevel + "'");
            return 2;
        }
        boolean verbose = List.of(args).contains(DatabaseOptions.VERBOSE)
                || logLevel != null && VERBOSE_LEVELS.contains(logLevel.strip().toUpperCase(Locale.ROOT));
        if (verbose) {
            System.setProperty(LOG_EXCEPTIONS, "%ex");
        }
        // when a line was logged matters in cdo schedule's log, read later, and to a verbose reader; else a sentence reads best
        if (!verbose && !(args.length > 0 && args[0].equals("schedule"))) {
            System.setProperty(LOG_STYLE, "PLAIN");
        }
        // after the properties above, which logback reads as it starts
        if (ownJvm && !verbose) {
            LibraryLogsWhenEnding.leaveOutWhenEnding();
        }
        CommandLine cdo = new CommandLine(new CdoCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // an argument starting with @ is a value (a site id may), not the name of a file of arguments
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new ErrorReporter())
                .registerConverter(Path.class, new PathConverter());
        // every command's --version (its help lists it) says what cdo --version says
        cdo.getSubcommands().values().forEach(command -> command.getCommandSpec().versionProvider(new CdoVersion()));
        return cdo.execute(args);
    }
}
