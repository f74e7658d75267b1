package org.cdoutcomes.app.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTests {
    /** A file's line is rewritten in place while it is read; the merge, silent for a minute on large runs, says it runs. */
    @Test
    void readingRewritesTheFilesLineAndTheMergeSaysWhatItDoesAndWhenItIsDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.TerminalProgress progress = new IngestCommand.TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.reading("visits.csv", 1_000, 0.5, false);
        progress.reading("visits.csv", 2_000, 1.0, true);
        progress.merging(1_831_769, false);
        progress.merging(1_831_769, true);

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\rvisits.csv: 1,000 rows, "), shown);
        assertTrue(shown.contains(",  50% of the file\rvisits.csv: 2,000 rows, "), shown);
        assertTrue(shown.contains(", 100% of the file\nmerging 1,831,769 rows into the records (one transaction)... done in "), shown);
        assertTrue(shown.matches("(?s).* done in \\d+\\.\\d s\n"), shown);
    }
}
