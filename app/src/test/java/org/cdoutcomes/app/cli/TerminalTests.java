package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTests {
    /** Run by the tests below in a JVM of its own: prints whether it sees its standard error as a terminal. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of(args[0]), Boolean.toString(Terminal.stderrIsTerminal()));
        }
    }

    @Test
    void terminalsArePseudoTerminalsConsolesAndSerialLinesNotFilesPipesOrTheNullDevice() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminal.isTerminalDevice("/dev/ttyS0"));
        assertTrue(Terminal.isTerminalDevice("/dev/console"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
        assertFalse(Terminal.isTerminalDevice("pipe:[48213]"));
        assertFalse(Terminal.isTerminalDevice("/home/clinic/ingest.log"));
    }

    /**
     * The test JVM's own standard error is a pipe to Maven; under {@code script}, which gives a command a terminal, the
     * answer follows standard error alone: redirecting standard output (where System.console() would say no) keeps the
     * progress, redirecting standard error (where System.console() would say yes) drops it.
     */
    @Test
    void standardErrorDecidesWhateverStandardInputAndOutputAre(@TempDir Path dir) throws Exception {
        assertFalse(Terminal.stderrIsTerminal());
        assertEquals("true", probe(dir, ""));
        assertEquals("true", probe(dir, " > " + dir.resolve("stdout.txt")));
        assertEquals("false", probe(dir, " 2> " + dir.resolve("stderr.txt")));
    }

    /** The probe's answer when run under a terminal with the given shell redirections. */
    private static String probe(Path dir, String redirections) throws Exception {
        Path answer = Files.createTempFile(dir, "answer", ".txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' '" + Probe.class.getName() + "' '"
                + answer + "'" + redirections;
        Process process = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), command);
        return Files.readString(answer, StandardCharsets.UTF_8);
    }

    /** Columns as a terminal shows them: East Asian wide and fullwidth characters, and emoji, take two. */
    @Test
    void wideCharactersTakeTwoColumns() {
        assertEquals(10, Terminal.width("visits.csv"));
        assertEquals(8 + 1, Terminal.width("神経内科/"));
        assertEquals(2 + 2 + 1, Terminal.width("한국/"));
        assertEquals(2, Terminal.width("🙂"));
        assertEquals(3, Terminal.width("Zü…"));
    }
}
