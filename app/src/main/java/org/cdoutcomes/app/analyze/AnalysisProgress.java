package org.cdoutcomes.app.analyze;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.cdoutcomes.app.cli.Terminal;

/** "patients read" on stderr while an analysis runs, rewritten in place; silent when stderr is not a terminal. */
public final class AnalysisProgress implements LongConsumer {
    private static final long EVERY = 1_000;

    private final PrintStream err;
    private long shown;

    private AnalysisProgress(PrintStream err) {
        this.err = err;
    }

    /** Progress on stderr when it is a terminal, else none. */
    public static AnalysisProgress onTerminal() {
        return new AnalysisProgress(Terminal.stderrIsTerminal() ? System.err : null);
    }

    @Override
    public void accept(long patientsRead) {
        if (err != null && patientsRead % EVERY == 0) {
            err.printf(Locale.ROOT, "\ranalysing: %,d patients read", patientsRead);
            err.flush();
            shown = patientsRead;
        }
    }

    /** Ends the progress line, if one was shown. */
    public void done() {
        if (shown > 0) {
            err.println();
            err.flush();
        }
    }
}
