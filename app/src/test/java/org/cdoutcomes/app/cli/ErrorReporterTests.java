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

    @Test
    void aServerThatWentAwayIsExit1WithHowToGoOnOnceItIsBack() {
        StringWriter err = new StringWriter();
        CommandLine cdo = new CommandLine(new ServerGone()).setExecutionExceptionHandler(new ErrorReporter());
        cdo.setErr(new PrintWriter(err, true));

        assertEquals(1, cdo.execute());
        assertEquals("cdo: ingest failed: the database server stopped accepting connections (connection refused); once it is back, "
                + "run the command again, or resume its job with cdo restart ID (cdo jobs lists it)" + System.lineSeparator(), err.toString());
    }
}
