package org.cdoutcomes.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cdoutcomes.app.cli.Terminal;
import org.junit.jupiter.api.Test;

class TerminalProgressTests {
    /** A file's line is rewritten in place while it is read; the merge, silent for a minute on large runs, says it runs. */
    @Test
    void readingRewritesTheFilesLineAndTheMergeSaysWhatItDoesAndWhenItIsDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, "…");

        progress.reading("visits.csv", 1_000, 0.5, false);
        progress.reading("visits.csv", 2_000, 1.0, true);
        progress.merging(1_831_769, false);
        progress.merging(1_831_769, true);

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\rvisits.csv: 1,000 rows, "), shown);
        assertTrue(shown.contains(",  50% of the file\rvisits.csv: 2,000 rows, "), shown);
        // spaces after the last line cover a longer one before it (the rate may have dropped)
        assertTrue(shown.matches("(?s).*, 100% of the file *\nmerging 1,831,769 rows into the records \\(one transaction\\)\\.\\.\\. done in .*"),
                shown);
        assertTrue(shown.matches("(?s).* done in \\d+\\.\\d s\n"), shown);
    }

    /** A line wider than the terminal wraps, and each rewrite then leaves a line behind: a long path is shown by its end. */
    @Test
    void aLongPathIsShownByItsEndWithin79Columns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, "…");
        String path = "/home/clinic/Exports/2025/Q1/Neurology - Botulinum toxin clinic/visits-2025-Q1.csv";

        progress.reading(path, 123_456, 0.25, false);

        String line = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1 + 79, line.length(), line);
        assertTrue(line.matches("\\r…[^:]*visits-2025-Q1\\.csv: 123,456 rows, [\\d,]+ rows/s,  25% of the file"), line);
        assertTrue(path.endsWith(line.substring(2, line.indexOf(": "))), line);
    }

    /** In a narrow window, and with wide characters, the line keeps within the terminal's width less one column. */
    @Test
    void aNarrowTerminalAndWideCharactersKeepTheLineWithinTheWidth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 40, "…");

        progress.reading("exports/神経内科ボツリヌス療法外来データ/symptoms.csv", 65_536, 0.1, false);

        String line = bytes.toString(StandardCharsets.UTF_8).substring(1);
        assertTrue(Terminal.width(line) <= 39, line);
        // the rate is left out for room: the end of the name, the rows and the share
        assertTrue(line.matches("…[^:]*/symptoms\\.csv: 65,536 rows,  10%"), line);
    }

    @Test
    void startOfKeepsWhatTheColumnsHold() {
        assertEquals("visits", IngestCommand.TerminalProgress.startOf("visits.csv", 6));
        assertEquals("神経", IngestCommand.TerminalProgress.startOf("神経内科", 5));
        assertEquals("visits.csv", IngestCommand.TerminalProgress.startOf("visits.csv", 80));
    }

    /** The rate and the share change the line's length: a shorter line covers what the longer one before it showed. */
    @Test
    void aShorterLineCoversTheLongerOneBeforeIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, "…");

        progress.reading("visits.xlsx", 1_000, 0.5, false);
        progress.reading("visits.xlsx", 2_000, Double.NaN, false);
        progress.reading("visits.xlsx", 3_000, 1.0, true);

        String[] updates = bytes.toString(StandardCharsets.UTF_8).split("\\r", -1);
        assertEquals(4, updates.length);
        assertTrue(updates[2].matches("visits\\.xlsx: 2,000 rows, [\\d,]+ rows/s +"), updates[2]);
        assertTrue(updates[2].length() >= updates[1].length(), "spaces cover the line before: " + String.join("|", updates));
        assertTrue(updates[3].endsWith("100% of the file\n"), updates[3]);
    }

    @Test
    void endOfKeepsShortTextAndEndsLongTextAfterAnEllipsis() {
        assertEquals("visits.csv", IngestCommand.TerminalProgress.endOf("visits.csv", 10, "…"));
        assertEquals("…its.csv", IngestCommand.TerminalProgress.endOf("visits.csv", 8, "…"));
        assertEquals("…v", IngestCommand.TerminalProgress.endOf("visits.csv", 0, "…"));
        // wide characters take two columns (a terminal shows CJK and emoji so), and are not split
        assertEquals("….csv", IngestCommand.TerminalProgress.endOf("visits-🙂.csv", 6, "…"));
        assertEquals("…🙂.csv", IngestCommand.TerminalProgress.endOf("visits-🙂.csv", 7, "…"));
        assertEquals("…科/visits.csv", IngestCommand.TerminalProgress.endOf("神経内科/visits.csv", 14, "…"));
        // where stderr cannot show "…" (a POSIX locale), three dots, which take three columns
        assertEquals("...s.csv", IngestCommand.TerminalProgress.endOf("visits.csv", 8, "..."));
    }

    /** Ctrl-C ends an open line once before its message, and nothing shows after it; with no line open, no blank line. */
    @Test
    void endLineEndsAnOpenLineOnceAndNothingShowsAfterIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, "…");
        progress.endLine();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "no line open: no blank line");

        progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, "…");
        progress.reading("visits.csv", 1, 0.5, false);
        progress.endLine();
        progress.reading("visits.csv", 2, 0.9, false);
        progress.merging(2, false);
        progress.endLine();

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.matches("\\rvisits\\.csv: 1 row, [\\d,]+ rows/s,  50% of the file\n"), shown);
    }
}
