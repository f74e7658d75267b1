package org.cdoutcomes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line answers before any work: usage errors, help and version. */
class CdoMainTests {
    /** The sentence stays on screen: no help after it (60 lines for analyze), only where to find it. */
    @Test
    void aUsageErrorIsOneSentenceAndWhereTheHelpIsWithExitStatusTwo() {
        CdoRun run = CdoRun.of("analyze", "--json", "q.json", "--quarter", "2025-Q5");

        assertEquals(2, run.exitCode(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("cdo: Invalid value for option '--quarter': "), run.toString());
        assertEquals("See 'cdo analyze --help' for the options.", lines.get(1));
        assertEquals("", run.out());
    }

    @Test
    void aNumberOptionGivenSomethingElseSaysItExpectsAWholeNumberNotAJavaType() {
        CdoRun run = CdoRun.of("analyze", "--json", "q.json", "--ae-window-days", "four weeks");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("cdo: --ae-window-days expects a whole number, but got 'four weeks'", run.err().lines().findFirst().orElse(""));
        CdoRun generate = CdoRun.of("generate", "--patients", "2k", "--out", "clinic");
        assertEquals("cdo: --patients expects a whole number, but got '2k'", generate.err().lines().findFirst().orElse(""));
        CdoRun tooLarge = CdoRun.of("generate", "--patients", "9999999999", "--out", "clinic");
        assertEquals("cdo: --patients expects a whole number up to 2147483647, but got '9999999999'",
                tooLarge.err().lines().findFirst().orElse(""));
        CdoRun restart = CdoRun.of("restart", "abc");
        assertEquals(2, restart.exitCode(), restart.toString());
        assertEquals("cdo: ID expects a whole number, but got 'abc'", restart.err().lines().findFirst().orElse(""));
    }

    @Test
    void wordsNoCommandTakesAreNamedAsSuch() {
        CdoRun unknown = CdoRun.of("bogus");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals("cdo: 'bogus' is not a cdo command; the commands are demo, generate, ingest, analyze, report, run, schedule, jobs, "
                + "restart, help", unknown.err().lines().findFirst().orElse(""));
        CdoRun extra = CdoRun.of("jobs", "now");
        assertEquals(2, extra.exitCode(), extra.toString());
        assertEquals("cdo: unexpected argument 'now': this command takes no such argument", extra.err().lines().findFirst().orElse(""));
    }

    /** picocli would read a file named by an @ argument as more arguments; cdo takes the argument as it is. */
    @Test
    void anArgumentStartingWithAtIsAValueNotAFileOfArguments(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("north"), "2025-Q9\n");

        CdoRun run = CdoRun.of("analyze", "--json", "q.json", "--quarter", "@" + file);

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("cdo: Invalid value for option '--quarter': "), run.toString());
        assertTrue(run.err().contains("'@" + file + "'"), run.toString());
    }

    /**
     * An unset shell variable (--out "$DIR") read as a path would be the working folder: refused before any work. Each
     * case would also fail before writing anything if the empty path were taken (no patients, a server that does not
     * exist), so that a regression cannot fill the module's folder.
     */
    @Test
    void anEmptyPathIsABadUsageNamingItsOption() {
        String nowhere = "jdbc:postgresql://nowhere.invalid:5432/cdo";
        List<List<String>> cases = List.of(
                List.of("generate", "--patients", "0", "--out", ""),
                List.of("demo", "--patients", "0", "--out", ""),
                List.of("analyze", "--json", "", "--quarter", "2025-Q3", "--db", nowhere),
                List.of("report", "--out", "", "--db", nowhere),
                List.of("ingest", "exports", "--rejects", " ", "--db", nowhere),
                List.of("jobs", "--data-dir", "", "--db", nowhere),
                List.of("jobs", "--config", "", "--db", nowhere));
        for (List<String> args : cases) {
            CdoRun run = CdoRun.of(args.toArray(String[]::new));
            int empty = args.contains("") ? args.indexOf("") : args.indexOf(" ");
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("cdo: Invalid value for option '" + args.get(empty - 1) + "': expected a path, but the value is empty",
                    run.err().lines().findFirst().orElse(""), run.toString());
        }
        for (String command : List.of("ingest", "run")) {
            CdoRun run = CdoRun.of(command, "exports", "", "--db", nowhere);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("cdo: PATH: expected a file or folder, but an argument is empty", run.err().lines().findFirst().orElse(""),
                    run.toString());
        }
    }

    @Test
    void aMistypedCommandGetsSuggestions() {
        CdoRun run = CdoRun.of("ingets", "exports/");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("cdo: 'ingets' is not a cdo command; the commands are demo, "), run.toString());
        assertTrue(run.err().contains("Did you mean: cdo ingest"), run.toString());
        assertTrue(run.err().endsWith("See 'cdo --help' for the options.\n"), run.toString());
    }

    @Test
    void everyCommandsVersionOptionSaysWhatCdosDoes() {
        String version = CdoRun.of("--version").out();
        assertTrue(version.contains(CdoVersion.version()), version);
        for (String command : List.of("demo", "generate", "ingest", "analyze", "report", "run", "schedule", "jobs", "restart")) {
            CdoRun run = CdoRun.of(command, "--version");
            assertEquals(0, run.exitCode(), command);
            assertEquals(version, run.out(), command);
        }
    }

    /** A help that teaches: every command's shows examples and what its exit statuses mean. */
    @Test
    void everyCommandsHelpHasExamplesAndItsExitStatuses() {
        for (String command : List.of("demo", "generate", "ingest", "analyze", "report", "run", "schedule", "jobs", "restart")) {
            CdoRun help = CdoRun.of("help", command);
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().lines().anyMatch(line -> line.equals("Example:") || line.equals("Examples:")), command + "\n" + help.out());
            assertTrue(help.out().lines().anyMatch(line -> line.startsWith("Exit status: 0 ")), command + "\n" + help.out());
        }
    }

    @Test
    void helpNamesACommandsHelpAndCdoAloneIsAUsageError() {
        CdoRun help = CdoRun.of("help", "ingest");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("Usage: cdo ingest "), help.toString());

        CdoRun alone = CdoRun.of();
        assertEquals(2, alone.exitCode(), alone.toString());
        assertTrue(alone.err().startsWith("Usage: cdo "), alone.toString());
        assertEquals("", alone.out());
    }
}
