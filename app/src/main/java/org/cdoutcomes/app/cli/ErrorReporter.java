package org.cdoutcomes.app.cli;

import java.net.ConnectException;
import java.util.Set;
import org.cdoutcomes.db.embedded.EmbeddedDatabaseException;
import org.cdoutcomes.model.text.Printable;
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
        if (jvmEnding()) {
            // Ctrl-C or SIGTERM: the failure is the interruption's doing (the embedded server stopped under a command
            // still connecting), so its sentence would mislead; the JVM exits with 130 or 143, and ingest says what is left.
            return CdoException.JOB_FAILED;
        }
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
            boolean lost = !refused && Failures.connectionLost(exception);
            sentence = commandLine.getCommandName() + " failed: " + (lost
                    ? "the connection to the database server was lost (" + Failures.sentence(exception) + ")"
                    : Failures.sentence(exception));
            if (refused || lost) {
                // a job then cannot record its end, so nothing else tells how to go on; analyze and report run no job
                UnfinishedJobException unfinished = find(exception, UnfinishedJobException.class);
                sentence += "; once it is back, run the command again" + (unfinished != null
                        ? ", or resume its job with cdo restart " + unfinished.jobExecutionId()
                        : RESTARTABLE.contains(commandLine.getCommandName()) ? ", or resume its job with cdo restart ID (cdo jobs lists it)" : "");
            }
            exitCode = CdoException.JOB_FAILED;
        }
        // one line, whatever a file name or a server's message in it holds
        commandLine.getErr().println("cdo: " + Printable.of(sentence));
        if (parseResult.originalArgs().contains(DatabaseOptions.VERBOSE)) {
            exception.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return exitCode;
    }

    /** Whether the JVM is shutting down: it then refuses a new shutdown hook. */
    private static boolean jvmEnding() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        return Failures.causes(thrown).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
