package org.cdoutcomes.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, the condition for progress lines (cli.md: "progress on stderr when it is a
 * terminal"). {@code System.console()} answers for standard input and output instead, so {@code cdo ingest ... >
 * out.txt} on a terminal showed no progress, and {@code 2> log.txt} wrote progress into the log. Where the process can
 * see its own descriptors ({@code /proc/self/fd}, Linux), standard error's own device decides; elsewhere the console.
 */
public final class Terminal {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(STDERR).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** A descriptor's link target names a terminal: a pseudo-terminal, a virtual console or a serial line. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
