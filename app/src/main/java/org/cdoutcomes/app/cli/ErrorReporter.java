package org.cdoutcomes.app.cli;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.cdoutcomes.db.embedded.EmbeddedDatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one sentence on stderr and the exit code of cli.md. Stack traces only with
 * {@code --verbose}: messages users see must stay short and free of patient data.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
    /** The commands whose work is a job execution that cdo restart resumes. */
    private static final Set<String> RESTARTABLE = Set.of("ingest", "run", "restart", "schedule");

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        CdoException known = find(exception, CdoException.class);
        EmbeddedDatabaseException embedded = find(exception, EmbeddedDatabaseException.class);
        String sentence;
        int exitCode;
        if (known != null) {
            sentence = known.getMessage();
            exitCode = known.exitCode();
        } else if (embedded != null) {
            sentence = embedded.getMessage();
            exitCode = CdoException.BAD_USAGE;
        } else {
            boolean refused = find(exception, ConnectException.class) != null;
            boolean lost = !refused && connectionLost(exception);
            sentence = commandLine.getCommandName() + " failed: " + (lost
                    ? "the connection to the database server was lost (" + Failures.sentence(exception) + ")"
                    : Failures.sentence(exception));
            if (refused || lost) {
                // a job then cannot record its end, so nothing else tells how to go on; analyze and report run no job
                sentence += "; once it is back, run the command again" + (RESTARTABLE.contains(commandLine.getCommandName())
                        ? ", or resume its job with cdo restart ID (cdo jobs lists it)" : "");
            }
            exitCode = CdoException.JOB_FAILED;
        }
        commandLine.getErr().println("cdo: " + sentence);
        if (parseResult.originalArgs().contains(DatabaseOptions.VERBOSE)) {
            exception.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return exitCode;
    }

    /**
     * Whether the database connection broke mid-work: SQLSTATE class 08 (connection exception; the pool's "Connection
     * is closed" is 08003) or 57P01-57P03 (the server shut down, crashed or is starting).
     */
    static boolean connectionLost(Throwable thrown) {
        return causes(thrown).anyMatch(t -> t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[1-3]")));
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        return causes(thrown).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** The exception and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
