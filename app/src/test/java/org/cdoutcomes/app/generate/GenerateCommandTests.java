package org.cdoutcomes.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.cdoutcomes.app.CdoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cdo generate} as a user runs it: through the root command, with the day of the run under the test's control. */
class GenerateCommandTests {
    private static final List<String> FILES = List.of("patients.csv", "visits.csv", "symptoms.csv");

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cdo(LocalDate today, String... args) {
        Clock clock = Clock.fixed(today.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneId.of("UTC"));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GenerateCommand.class ? type.cast(new GenerateCommand(clock)) : CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(new CdoCommand(), factory)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void helpTeachesEveryOptionAndItsDefault() {
        assertEquals(0, cdo(LocalDate.of(2026, 1, 1), "generate", "--help"));
        String help = out.toString();
        for (String expected : List.of("--patients=N", "--out=DIR", "--seed=S", "default: 1", "--from=DATE", "--to=DATE",
                "yyyy-MM-dd", "yesterday", "two years", "patients.csv", "visits.csv", "symptoms.csv", "Examples:")) {
            assertTrue(help.contains(expected), "help mentions " + expected + ":\n" + help);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, cdo(LocalDate.of(2026, 1, 1), "--help"));
        assertTrue(out.toString().contains("generate"), "cdo --help lists generate");
    }

    @Test
    void badOptionsExitWith2AndAMessageNamingTheOption() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        Path dir = temp.resolve("out");
        LocalDate today = LocalDate.of(2026, 1, 1);
        List<List<String>> cases = List.of(
                List.of("--out", dir.toString()),
                List.of("--patients", "0", "--out", dir.toString()),
                List.of("--patients", "many", "--out", dir.toString()),
                List.of("--patients", "10"),
                List.of("--patients", "10", "--out", dir.toString(), "--seed", "x"),
                List.of("--patients", "10", "--out", dir.toString(), "--from", "2025-13-01"),
                List.of("--patients", "10", "--out", dir.toString(), "--to", "31/12/2025"),
                List.of("--patients", "10", "--out", dir.toString(), "--from", "0000-01-01", "--to", "2025-01-01"),
                List.of("--patients", "10", "--out", dir.toString(), "--from", "2025-06-01", "--to", "2025-01-01"),
                List.of("--patients", "10", "--out", dir.toString(), "--from", "2025-06-01"),
                List.of("--patients", "10", "--out", file.toString()),
                List.of("--patients", "10", "--out", file.resolve("inside-a-file").toString()));
        List<String> named = List.of("--patients", "--patients", "--patients", "--out", "--seed", "--from", "--to", "--from", "--from", "--from",
                "--out", "--out");
        for (int i = 0; i < cases.size(); i++) {
            err.getBuffer().setLength(0);
            String[] args = Stream.concat(Stream.of("generate"), cases.get(i).stream()).toArray(String[]::new);
            assertEquals(2, cdo(today, args), String.join(" ", args));
            String message = err.toString().lines().findFirst().orElse("");
            assertTrue(message.contains(named.get(i)), String.join(" ", args) + " -> " + message);
        }
        assertTrue(err.toString().contains("yyyy-MM-dd"));
        assertFalse(Files.exists(dir), "nothing written");
    }

    @Test
    void withFromAndToTheOutputDoesNotDependOnTheDayOfTheRun() throws IOException {
        String[] a = {"generate", "--patients", "300", "--from", "2024-01-01", "--to", "2025-12-31", "--out", temp.resolve("a").toString()};
        String[] b = a.clone();
        b[b.length - 1] = temp.resolve("b").toString();
        assertEquals(0, cdo(LocalDate.of(2026, 1, 5), a));
        assertEquals(0, cdo(LocalDate.of(2031, 7, 20), b));
        for (String file : FILES) {
            assertEquals(-1, Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("b").resolve(file)), file);
        }
    }

    @Test
    void takesDbAsEveryCommandDoesAndWritesTheSameFilesWithIt() throws IOException {
        String[] plain = {"generate", "--patients", "30", "--to", "2025-12-31", "--out", temp.resolve("plain").toString()};
        String[] withDb = {"generate", "--patients", "30", "--to", "2025-12-31", "--out", temp.resolve("db").toString(),
                "--db", "jdbc:postgresql://nowhere.invalid:5432/cdo"};
        assertEquals(0, cdo(LocalDate.of(2026, 1, 5), plain));
        assertEquals(0, cdo(LocalDate.of(2026, 1, 5), withDb));
        for (String file : FILES) {
            assertEquals(-1, Files.mismatch(temp.resolve("plain").resolve(file), temp.resolve("db").resolve(file)), file);
        }
    }

    @Test
    void byDefaultTheHistoryCoversTheTwoYearsUpToYesterday() throws IOException {
        assertEquals(0, cdo(LocalDate.of(2026, 3, 15), "generate", "--patients", "400", "--out", temp.toString()));
        assertTrue(out.toString().contains("2024-03-15 to 2026-03-14"), out.toString());
        GeneratedExport export = new GeneratedExport(temp, LocalDate.of(2026, 3, 14));
        List<LocalDate> visitDates = export.visits.stream().filter(GeneratedExport.Row::valid)
                .map(row -> LocalDate.parse(row.get("visit_date"))).sorted().toList();
        assertFalse(visitDates.get(0).isBefore(LocalDate.of(2024, 3, 15)));
        assertTrue(visitDates.get(0).isBefore(LocalDate.of(2024, 3, 22)), "the history starts two years back");
        assertTrue(visitDates.get(visitDates.size() - 1).isAfter(LocalDate.of(2026, 3, 6)), "and runs up to yesterday");
        assertTrue(export.all().stream().noneMatch(row -> "FUTURE_DATE".equals(row.code())), "nothing dated today or later");
    }

    @Test
    void toAloneEndsTheTwoYearsThere() {
        assertEquals(0, cdo(LocalDate.of(2026, 3, 15), "generate", "--patients", "20", "--to", "2025-06-30", "--out", temp.toString()));
        assertTrue(out.toString().contains("2023-07-01 to 2025-06-30"), out.toString());
    }

    @Test
    void theSummaryNamesCountsButNoPatient() {
        assertEquals(0, cdo(LocalDate.of(2026, 3, 15), "generate", "--patients", "50", "--out", temp.toString()));
        assertTrue(out.toString().contains("50 patients"), out.toString());
        assertFalse(out.toString().contains("CD-"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aPeriodEndingTodayOrLaterIsWrittenWithANoteAboutFutureDates() {
        assertEquals(0, cdo(LocalDate.of(2026, 3, 15), "generate", "--patients", "5", "--from", "2025-01-01", "--to", "2026-12-31",
                "--out", temp.toString()));
        assertTrue(err.toString().contains("FUTURE_DATE"), err.toString());
    }
}
