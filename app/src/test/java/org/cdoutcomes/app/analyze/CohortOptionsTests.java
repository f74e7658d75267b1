package org.cdoutcomes.app.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cdoutcomes.app.CdoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options of {@code cdo analyze} and {@code cdo report} exit 2 naming the option, before any database is opened. */
class CohortOptionsTests {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "analyze --quarter 2026-Q5 --json a.json                       | --quarter",
            "analyze --quarter 2026Q1 --json a.json                        | --quarter",
            "analyze --from 2026-05-01 --to 2026-04-01 --json a.json       | --from 2026-05-01 is after --to 2026-04-01",
            "analyze --quarter 2026-Q1 --from 2026-01-01 --json a.json     | --quarter cannot be combined with --from",
            "analyze --as-of 2025-02-30 --json a.json                      | --as-of",
            "analyze --as-of 0000-01-01 --json a.json                      | --as-of",
            "analyze --as-of +12025-01-01 --json a.json                    | --as-of",
            "report --from 0000-01-01 --to 2026-01-01 --out r.xlsx         | --from",
            "analyze --from 01/02/2026 --json a.json                       | --from",
            "analyze --from 2026-01-01 --json a.json                       | --from needs --to",
            "analyze --to 2026-01-01 --json a.json                         | --to needs --from",
            "analyze --ae-window-days -1 --json a.json                     | --ae-window-days",
            "analyze --follow-up-days -5 --json a.json                     | --follow-up-days",
            "analyze --site= --json a.json                                 | --site",
            "analyze --quarter 2026-Q1                                     | --json",
            "report --quarter 2026-Q0 --out r.xlsx                         | --quarter",
            "report --from 2026-01-01 --out r.xlsx                         | --from needs --to",
            "report --to 2026-01-01 --out r.xlsx                           | --to needs --from",
            "report --quarter 2026-Q1 --to 2026-03-31 --out r.xlsx         | --quarter cannot be combined",
            "report --suppress-below -1 --out r.xlsx                       | --suppress-below",
            "report --out report.csv                                       | --out",
            "report --quarter 2026-Q1                                      | --out",
    })
    void badOptionsExit2NamingTheOption(String commandLine, String expected) {
        String[] args = commandLine.trim().split("\\s+");
        // no database is named: a check that came too late would fail on the missing embedded folder, not exit 2 here
        String[] withDb = Arrays.copyOf(args, args.length + 2);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = "jdbc:postgresql://127.0.0.1:1/nothing-listens";

        CdoRun run = CdoRun.of(withDb);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(expected), run::toString);
    }

    @Test
    void helpTeachesWithExamples() {
        CdoRun analyze = CdoRun.of("analyze", "--help");
        CdoRun report = CdoRun.of("report", "--help");

        assertEquals(0, analyze.exitCode());
        assertTrue(analyze.out().contains("cdo analyze --quarter 2026-Q3 --json"), analyze::toString);
        assertEquals(0, report.exitCode());
        assertTrue(report.out().contains("Default period: the latest full quarter"), report::toString);
    }
}
