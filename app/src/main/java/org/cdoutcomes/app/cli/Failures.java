package org.cdoutcomes.app.cli;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cdoutcomes.model.text.Printable;

/**
 * One line a clinic administrator can read for a failure, from the exception or from the stack trace Spring Batch
 * recorded as a job's exit message: the root cause's message, with the exceptions whose message is only a path
 * (java.nio.file's) said in words, and the class name in words when there is no message; one line, its control
 * characters escaped (a file name may hold any). First lines only: later lines
 * (SQL DETAIL lines among them) may quote row values, and so may the end of PostgreSQL's first line, which is withheld.
 */
public final class Failures {
    /** A stack trace's line that names an exception: a qualified class name ending in Exception or Error, then its message. */
    private static final Pattern THROWABLE_LINE = Pattern.compile("((?:[\\w$]+\\.)+([\\w$]+(?:Exception|Error)))(?::\\s*(.*))?");
    private static final String CAUSED_BY = "Caused by: ";
    private static final Pattern QUOTED_VALUE = Pattern.compile(": \"[^\n]*\"$");
    /** PostgreSQL's words for a full disk: a table or index that cannot grow, a write-ahead log file that cannot be written. */
    private static final Pattern DISK_FULL = Pattern.compile("could not extend file|could not write to file \"pg_wal/");
    private static final Map<String, String> PATH_FAILURES = Map.of(
            "java.nio.file.NoSuchFileException", "%s does not exist",
            "java.nio.file.FileAlreadyExistsException", "cannot create %s: something of that name is already there",
            "java.nio.file.AccessDeniedException", "permission denied: %s",
            "java.nio.file.NotDirectoryException", "%s is not a folder",
            "java.nio.file.DirectoryNotEmptyException", "%s is a folder that is not empty");

    private Failures() {
    }

    public static String sentence(Throwable thrown) {
        Throwable root = causes(thrown).reduce((outer, cause) -> cause).orElseThrow();
        // a path's message is the path, whole (a file name may hold a line break); another's first line only
        String message = PATH_FAILURES.containsKey(root.getClass().getName()) ? root.getMessage() : firstLine(root.getMessage());
        return Printable.of(sentence(root.getClass().getName(), message));
    }

    /**
     * Whether the database connection broke mid-work: SQLSTATE class 08 (connection exception; the pool's "Connection
     * is closed" is 08003) or 57P01-57P03 (the server shut down, crashed or is starting).
     */
    static boolean connectionLost(Throwable thrown) {
        return causes(thrown).anyMatch(t -> t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[1-3]")));
    }

    /** Whether the database server failed for a full disk, in the exception or its causes. */
    static boolean diskFull(Throwable thrown) {
        return causes(thrown).anyMatch(t -> t.getMessage() != null && DISK_FULL.matcher(t.getMessage()).find());
    }

    /** The exception and its causes, outermost first. */
    static Stream<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    /**
     * The sentence of a recorded stack trace (its last "Caused by", else its first line), or the text itself when
     * it is not one (an exit description cdo wrote).
     */
    public static String sentenceOfTrace(String trace) {
        String cause = trace.strip().lines().findFirst().orElse("");
        for (String line : (Iterable<String>) trace.lines()::iterator) {
            // a suppressed exception's causes are indented: only the main chain's start the line
            if (line.startsWith(CAUSED_BY)) {
                cause = line.substring(CAUSED_BY.length());
            }
        }
        Matcher throwable = THROWABLE_LINE.matcher(cause.strip());
        return Printable.of(throwable.matches() ? sentence(throwable.group(1), throwable.group(3)) : cause.strip());
    }

    private static String sentence(String className, String message) {
        boolean noMessage = message == null || message.isBlank();
        if (className.equals(ConnectException.class.getName())) {
            // the database server went away during the work (it was reached at start-up): say that, not the socket's words
            return "the database server stopped accepting connections"
                    + (noMessage ? "" : " (" + message.strip().toLowerCase(Locale.ROOT) + ")");
        }
        if (className.equals(OutOfMemoryError.class.getName())) {
            // a larger heap mends only a full heap, not a full metaspace or the system's limit on threads
            boolean heap = noMessage || message.contains("heap space") || message.contains("GC overhead");
            return "Java ran out of memory" + (noMessage ? "" : " (" + message.strip() + ")")
                    + (heap ? ": give it more, for example with the environment variable CDO_JAVA_OPTS=-Xmx2g" : "");
        }
        if (!noMessage && message.strip().equals("Broken pipe")) {
            // the output was a pipe whose reader stopped early (cdo analyze --json /dev/stdout | head): not cdo's failure
            return "the program reading the output closed it before the end (broken pipe)";
        }
        if (noMessage) {
            // the class name in words: JobInterruptedException is "job interrupted"
            String simple = className.substring(className.lastIndexOf('.') + 1).replaceFirst("(Exception|Error)$", "");
            return simple.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        }
        if (DISK_FULL.matcher(message).find()) {
            // PostgreSQL's hint ("Check free disk space") is on a later line, and its words name no disk
            return "the database server's disk is full (" + message.strip().replaceFirst("^(ERROR|FATAL|PANIC): ", "")
                    + "): free space where it keeps its data (the embedded database's: under cdo-data, or --data-dir)";
        }
        String pathFailure = PATH_FAILURES.get(className);
        if (pathFailure != null) {
            return pathFailure.formatted(message.strip());
        }
        // PostgreSQL's severity prefix says nothing to a reader; a value it quotes at the end of the line (invalid input
        // syntax for type date: "...") is the record's, which no message may show
        return QUOTED_VALUE.matcher(message.strip().replaceFirst("^(ERROR|FATAL): ", "")).replaceFirst(": (a value, not shown)");
    }

    /** The first line of the exception's own message, else its class's simple name. */
    static String firstLine(Throwable thrown) {
        String message = firstLine(thrown.getMessage());
        return message == null || message.isEmpty() ? thrown.getClass().getSimpleName() : message;
    }

    private static String firstLine(String message) {
        return message == null ? null : message.strip().lines().findFirst().orElse("");
    }
}
