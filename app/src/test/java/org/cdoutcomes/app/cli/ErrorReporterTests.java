package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorReporterTests {
    /** Fails as an ingest did when its database server was killed mid-merge: the pool could no longer connect. */
    @Command(name = "ingest")
    static final class ServerGone implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(new SQLException("The connection attempt failed.", "08001",
                    new ConnectException("Connection refused")));
        }
    }

    /** Fails as an ingest did when its server process was ended (pg_terminate_backend): the pool's connection closed. */
    @Command(name = "ingest")
    static final class ConnectionClosed implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(new SQLException("Connection is closed", "08003"));
        }
    }

    /** The same loss once the ingest's job execution 42 had begun: the execution to resume is known. */
    @Command(name = "ingest")
    static final class JobConnectionClosed implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new UnfinishedJobException(42, new IllegalStateException(new SQLException("Connection is closed", "08003")));
        }
    }

    /** The same loss under cdo report, which runs no job: nothing to restart. */
    @Command(name = "report")
    static final class ReportConnectionClosed implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(new SQLException("Connection is closed", "08003"));
        }
    }

    /** A failure of the work itself, over a working connection. */
    @Command(name = "ingest")
    static final class DiskFull implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(new SQLException("ERROR: could not extend file: No space left on device", "53100"));
        }
    }

    private static String reported(Object command) {
        StringWriter err = new StringWriter();
        CommandLine cdo = new CommandLine(command).setExecutionExceptionHandler(new ErrorReporter());
        cdo.setErr(new PrintWriter(err, true));
        assertEquals(1, cdo.execute());
        return err.toString();
    }

    @Test
    void aServerThatWentAwayIsExit1WithHowToGoOnOnceItIsBack() {
        assertEquals("cdo: ingest failed: the database server stopped accepting connections (connection refused); once it is back, "
                + "run the command again, or resume its job with cdo restart ID (cdo jobs lists it)" + System.lineSeparator(),
                reported(new ServerGone()));
        assertEquals("cdo: ingest failed: the connection to the database server was lost (Connection is closed); once it is back, "
                + "run the command again, or resume its job with cdo restart ID (cdo jobs lists it)" + System.lineSeparator(),
                reported(new ConnectionClosed()));
        // not a lost connection: no "once it is back"; the full disk said as such (FailuresTests)
        assertEquals("cdo: ingest failed: the database server's disk is full (could not extend file: No space left on device): "
                + "free space where it keeps its data (the embedded database's: under cdo-data, or --data-dir)" + System.lineSeparator(),
                reported(new DiskFull()));
    }

    @Test
    void aServerThatWentAwayDuringAJobNamesTheExecutionToResume() {
        assertEquals("cdo: ingest failed: the connection to the database server was lost (Connection is closed); once it is back, "
                + "run the command again, or resume its job with cdo restart 42" + System.lineSeparator(),
                reported(new JobConnectionClosed()));
    }

    @Test
    void aCommandWithoutJobIsNotToldToRestartOne() {
        assertEquals("cdo: report failed: the connection to the database server was lost (Connection is closed); once it is "
                + "back, run the command again" + System.lineSeparator(), reported(new ReportConnectionClosed()));
    }
}
