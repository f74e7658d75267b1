package org.cdoutcomes.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Once Ctrl-C or SIGTERM ends the JVM, the libraries' log lines are left out (without --verbose): the embedded server
 * gets Ctrl-C too (it is in the terminal's process group), so work still starting fails on every side, and Spring,
 * Flyway and the pool each said so ("Migration of schema "public" to version "2 - spring batch" failed!", "Unable to
 * release PostgreSQL advisory lock"), which read like a damaged database after cdo had said it was stopped. cdo's
 * own lines stay.
 */
public final class LibraryLogsWhenEnding {
    private LibraryLogsWhenEnding() {
    }

    /** Leaves out the libraries' log lines from now on. */
    public static void leaveOut(LoggerContext context) {
        TurboFilter cdoOnly = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
                return logger.getName().startsWith("org.cdoutcomes.") ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        };
        cdoOnly.start();
        context.addTurboFilter(cdoOnly);
    }

    /** From when the JVM begins to end. */
    public static void leaveOutWhenEnding() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> leaveOut(context), "cdo-quiet-libraries"));
        }
    }
}
