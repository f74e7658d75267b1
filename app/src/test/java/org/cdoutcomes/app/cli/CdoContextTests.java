package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class CdoContextTests {
    /** A database whose every connection attempt fails with the given SQLSTATE, as a dead or refusing server's does. */
    private record FailingDatabase(String message, String sqlState) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException(message, sqlState);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    /** A server killed while cdo migrated it read as bad configuration (exit 2); the next cdo recovered every time. */
    @Test
    void aConnectionLostWhileMigratingIsAFailedRunNotBadUsage() {
        CdoException lost = assertThrows(CdoException.class,
                () -> CdoContext.migrate(new FailingDatabase("Connection is closed", "08003"), "the test server"));
        assertEquals(CdoException.JOB_FAILED, lost.exitCode());
        assertTrue(lost.getMessage().startsWith("the connection to the database server at the test server was lost"), lost.getMessage());
    }

    @Test
    void anotherMigrationFailureStaysAConfigurationProblem() {
        CdoException refused = assertThrows(CdoException.class,
                () -> CdoContext.migrate(new FailingDatabase("permission denied for schema public", "42501"), "the test server"));
        assertEquals(CdoException.BAD_USAGE, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("cannot bring the database at the test server to the current schema"),
                refused.getMessage());
    }
}
