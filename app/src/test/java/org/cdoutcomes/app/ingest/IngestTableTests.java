package org.cdoutcomes.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cdoutcomes.app.cli.Terminal;
import org.cdoutcomes.ingest.IngestOutcome;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.junit.jupiter.api.Test;

/** The table cdo ingest prints: its columns line up at a terminal, whatever script the file names are written in. */
class IngestTableTests {
    private static List<String> table(String... files) {
        List<FileResult> results = Arrays.stream(files)
                .map(file -> new FileResult(file, "patients", false, null, 1200, 1100, 50, 40, 10, 0, 0, 0)).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.print(new IngestOutcome(3, 4, "COMPLETED", Path.of("rejects-3.csv"), results, null),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.subList(1, lines.size() - 1);
    }

    /**
     * A file column of 40 terminal columns, then type (1 + 9), five counts (1 + 10 each), warnings (1 + 9) and removed
     * (1 + 8): 124 columns a line. A name of Chinese or Japanese characters takes two columns a character; padded by
     * characters, its line was wider than the others, and its numbers stood to the right of their headings.
     */
    @Test
    void everyLineTakesTheSameColumnsWithWideCharactersInAName() {
        List<String> lines = table("exports/患者/patients.csv", "visits.csv");

        assertEquals(List.of(124, 124, 124), lines.stream().map(Terminal::width).toList(), String.join("\n", lines));
    }

    /** A name of 25 wide characters takes 50 columns: the file column widens to it, for every line. */
    @Test
    void aNameWiderThanTheColumnWidensItForEveryLine() {
        List<String> lines = table("患".repeat(21) + ".csv", "visits.csv");

        assertEquals(List.of(130, 130, 130), lines.stream().map(Terminal::width).toList(), String.join("\n", lines));
    }
}
