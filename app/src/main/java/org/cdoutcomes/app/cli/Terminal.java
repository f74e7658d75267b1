package org.cdoutcomes.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard error is a terminal, the condition for progress lines (cli.md: "progress on stderr when it is a
 * terminal"). {@code System.console()} answers for standard input and output instead, so {@code cdo ingest ... >
 * out.txt} on a terminal showed no progress, and {@code 2> log.txt} wrote progress into the log. Where the process can
 * see its own descriptors ({@code /proc/self/fd}, Linux), standard error's own device decides; elsewhere the console.
 */
public final class Terminal {
    private static final Path STDERR = Path.of("/proc/self/fd/2");
    private static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(STDERR).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /**
     * The terminal's width in columns: {@code $COLUMNS} when exported, else what {@code stty size} says of the
     * controlling terminal, else 80. Read once, at the start of long work (a window resized later is not followed).
     */
    public static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").strip());
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException notSet) {
            // ask the terminal
        }
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return DEFAULT_COLUMNS;
        }
        Process stty = null;
        try {
            stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                try (InputStream out = stty.getInputStream()) {
                    String[] rowsAndColumns = new String(out.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
                    int columns = rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : 0;
                    if (columns > 0) {
                        return columns;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no stty, or no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stty != null) {
                stty.destroyForcibly();
            }
        }
        return DEFAULT_COLUMNS;
    }

    /** The columns {@code text} takes on a terminal: two for East Asian wide and fullwidth characters, one for others. */
    public static int width(CharSequence text) {
        return text.codePoints().map(Terminal::width).sum();
    }

    public static int width(int codePoint) {
        return wide(codePoint) ? 2 : 1;
    }

    /** Unicode's East Asian Wide and Fullwidth blocks, and the emoji shown wide (Emoji_Presentation), in short. */
    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
                || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19)
                || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF)
                || (c >= 0x1FA70 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD)
                || c == 0x231A || c == 0x231B || (c >= 0x23E9 && c <= 0x23EC) || c == 0x23F0 || c == 0x23F3
                || c == 0x25FD || c == 0x25FE || c == 0x2614 || c == 0x2615 || (c >= 0x2648 && c <= 0x2653)
                || c == 0x267F || c == 0x2693 || c == 0x26A1 || c == 0x26AA || c == 0x26AB || c == 0x26BD || c == 0x26BE
                || c == 0x26C4 || c == 0x26C5 || c == 0x26CE || c == 0x26D4 || c == 0x26EA || c == 0x26F2 || c == 0x26F3
                || c == 0x26F5 || c == 0x26FA || c == 0x26FD || c == 0x2705 || c == 0x270A || c == 0x270B || c == 0x2728
                || c == 0x274C || c == 0x274E || (c >= 0x2753 && c <= 0x2755) || c == 0x2757 || (c >= 0x2795 && c <= 0x2797)
                || c == 0x27B0 || c == 0x27BF || c == 0x2B1B || c == 0x2B1C || c == 0x2B50 || c == 0x2B55;
    }

    /**
     * "…", or "..." where standard error's encoding has no such character (a POSIX locale, a Windows console's code
     * page), which printed it as "?".
     */
    public static String ellipsis() {
        try {
            String encoding = System.getProperty("sun.stderr.encoding", System.getProperty("native.encoding", "UTF-8"));
            return Charset.forName(encoding).newEncoder().canEncode('…') ? "…" : "...";
        } catch (IllegalArgumentException unknownEncoding) {
            return "...";
        }
    }

    /** A descriptor's link target names a terminal: a pseudo-terminal, a virtual console or a serial line. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
