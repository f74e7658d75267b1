package org.cdoutcomes.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty PostgreSQL database for an integration test, from (in order) {@code CDO_TEST_JDBC_URL},
 * Testcontainers when a Docker engine exists, or the embedded engine. Each call creates a new database on that server.
 */
public final class TestDatabases {
    private static String serverUrl;

    private TestDatabases() {
    }

    /** A new empty database; its name starts with the given prefix so leftovers are recognisable. */
    public static synchronized DataSource fresh(String prefix) {
        String base = serverUrl();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = dataSource(base).getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + base, e);
        }
        return dataSource(withDatabase(base, name));
    }

    /** A fresh database taken to the latest schema. */
    public static DataSource migrated(String prefix) {
        DataSource dataSource = fresh(prefix);
        Migrations.migrate(dataSource);
        return dataSource;
    }

    /** The database's URL with its user and password, so a child process or {@code --db} connects as the test does. */
    public static String jdbcUrl(DataSource dataSource) {
        PGSimpleDataSource pg = (PGSimpleDataSource) dataSource;
        StringBuilder url = new StringBuilder(pg.getUrl());
        appendParameter(url, "user", pg.getUser());
        appendParameter(url, "password", pg.getPassword());
        return url.toString();
    }

    private static void appendParameter(StringBuilder url, String name, String value) {
        if (value != null && url.indexOf(name + "=") < 0) {
            url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String serverUrl() {
        if (serverUrl == null) {
            serverUrl = TestServers.start();
        }
        return serverUrl;
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        if (ds.getUser() == null) {
            ds.setUser("postgres");
        }
        return ds;
    }

    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String tail = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database + tail;
    }
}
