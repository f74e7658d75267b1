package org.cdoutcomes.app.analyze;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.cdoutcomes.app.cli.Terminal;

/**
 * "analysing: 12,000 of 100,000 patients read (12%)" on stderr while an analysis runs, rewritten in place; silent when
 * stderr is not a terminal.
 */
public final class AnalysisProgress implements PatientsRead {
    private static final long EVERY = 1_000;

    private final PrintStream err;
    private long total = -1;
    private long shown;
    private boolean ended;

    AnalysisProgress(PrintStream err) {
        this.err = err;
    }

    /** Progress on stderr when it is a terminal, else none. */
    public static AnalysisProgress onTerminal() {
        return new AnalysisProgress(Terminal.stderrIsTerminal() ? System.err : null);
    }

    @Override
    public void toRead(LongSupplier patients) {
        if (err != null) {
            total = patients.getAsLong();
        }
    }

    @Override
    public synchronized void accept(long patientsRead) {
        if (err != null && !ended && patientsRead % EVERY == 0) {
            if (total > 0) {
                err.printf(Locale.ROOT, "\ranalysing: %,d of %,d patients read (%d%%)", patientsRead, total,
                        Math.min(100, patientsRead * 100 / total));
            } else {
                err.printf(Locale.ROOT, "\ranalysing: %,d patients read", patientsRead);
            }
            err.flush();
            shown = patientsRead;
        }
    }

    /** Ends the progress line, if one is shown, for good: Ctrl-C ends it amid the work, which may still report. */
    public synchronized void done() {
        if (shown > 0 && !ended) {
            err.println();
            err.flush();
        }
        ended = true;
    }
}
