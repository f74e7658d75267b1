package org.cdoutcomes.app.cli;

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
