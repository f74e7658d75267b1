package org.cdoutcomes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The product's logback.xml (tests log with logback-test.xml): what a library's warning with an exception prints. */
class LogPatternTests {
    private static final String ROW_VALUE = "Key (patient_id)=(CD-004711) already exists";

    /** Configures a fresh logging context from logback.xml and logs a library warning with an exception. */
    private static synchronized String libraryWarning(String exceptions) throws Exception {
        return warning("org.postgresql.core.v3.QueryExecutorImpl", exceptions);
    }

    private static synchronized String warning(String logger, String exceptions) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String before = System.getProperty(CdoMain.LOG_EXCEPTIONS);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            if (exceptions == null) {
                System.clearProperty(CdoMain.LOG_EXCEPTIONS);
            } else {
                System.setProperty(CdoMain.LOG_EXCEPTIONS, exceptions);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(CdoMain.class.getResource("/logback.xml"));
            context.getLogger(logger).warn("Failed to validate connection", new SQLException(ROW_VALUE));
        } finally {
            context.stop();
            System.setErr(stderr);
            if (before == null) {
                System.clearProperty(CdoMain.LOG_EXCEPTIONS);
            } else {
                System.setProperty(CdoMain.LOG_EXCEPTIONS, before);
            }
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutVerboseALibraryWarningIsOneLineWithoutItsExceptionWhichMayQuoteRowValues() throws Exception {
        String logged = libraryWarning(null);

        assertEquals(1, logged.lines().count(), logged);
        assertTrue(logged.contains("WARN  o.p.core.v3.QueryExecutorImpl - Failed to validate connection"), logged);
        assertFalse(logged.contains("CD-004711"), logged);
    }

    /** After the embedded server was started again, the pool's dropped connections are no news to the user. */
    @Test
    void thePoolsWarningsOfDroppedConnectionsAreNotShown() throws Exception {
        assertEquals("", warning("com.zaxxer.hikari.pool.PoolBase", null));
    }

    @Test
    void withVerboseTheExceptionAndItsStackTraceFollow() throws Exception {
        String logged = libraryWarning("%ex");

        assertTrue(logged.contains("java.sql.SQLException: " + ROW_VALUE), logged);
        assertTrue(logged.contains("\tat "), logged);
    }
}
