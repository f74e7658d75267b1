package org.cdoutcomes.app.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnalysisProgressTests {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String run(long total, long patients) {
        AnalysisProgress progress = new AnalysisProgress(new PrintStream(err, true, StandardCharsets.UTF_8));
        progress.toRead(() -> total);
        for (long read = 1; read <= patients; read++) {
            progress.accept(read);
        }
        progress.done();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsEveryThousandPatientsReadOutOfHowManyThereAreInOneRewrittenLine() {
        assertEquals("\ranalysing: 1,000 of 2,500 patients read (40%)\ranalysing: 2,000 of 2,500 patients read (80%)"
                + System.lineSeparator(), run(2_500, 2_500));
    }

    @Test
    void withoutATotalShowsTheCountAloneAndFewerThanAThousandShowNothing() {
        assertEquals("\ranalysing: 1,000 patients read" + System.lineSeparator(), run(0, 1_200));
        err.reset();
        assertEquals("", run(999, 999));
    }

    /** Ctrl-C ends the line (then says what is left) while the analysis may still report: nothing more is shown. */
    @Test
    void onceEndedTheLineStaysEndedAndNothingMoreIsShown() {
        AnalysisProgress progress = new AnalysisProgress(new PrintStream(err, true, StandardCharsets.UTF_8));
        progress.toRead(() -> 3_000);
        progress.accept(1_000);
        progress.done();
        progress.accept(2_000);
        progress.done();

        assertEquals("\ranalysing: 1,000 of 3,000 patients read (33%)" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
