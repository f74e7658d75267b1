package org.cdoutcomes.app.cli;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a command says when Ctrl-C or SIGTERM ends the JVM amid its work (exit 130 or 143): its progress line ended and
 * what it leaves, on stderr. Else the prompt came back on the progress line, without a word. A shutdown hook, removed
 * when the command's work is over.
 */
public final class WhenStopped implements AutoCloseable {
    private final Thread hook;
    private volatile boolean over;

    private WhenStopped(Supplier<String> message) {
        hook = new Thread(() -> {
            if (!over) {
                System.err.println(message.get());
                System.err.flush();
            }
        }, "cdo-when-stopped");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** {@code message}: the line to print (its progress line ended first), asked for when the JVM ends. */
    public static WhenStopped say(Supplier<String> message) {
        return new WhenStopped(message);
    }

    /**
     * For a command whose work ends in writing one file: whether it was written, or what is left as it was.
     *
     * @param endLine ends the command's progress line
     */
    public static WhenStopped writing(String command, String what, Path file, Runnable endLine, BooleanSupplier written) {
        return say(() -> {
            endLine.run();
            return "cdo: " + command + " was stopped before it finished; " + (written.getAsBoolean()
                    ? "the " + what + " was written to " + file : "nothing was written (" + file + " is as it was)");
        });
    }

    @Override
    public void close() {
        over = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and finds the work over
        }
    }
}
