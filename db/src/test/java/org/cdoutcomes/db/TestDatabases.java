package org.cdoutcomes.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty PostgreSQL database for an integration test, from (in order) {@code CDO_TEST_JDBC_URL},
 * Testcontainers when a Docker engine exists, or the embedded engine. Each call creates a new database on that server;
 * the databases a test JVM created are dropped when it exits (CI's server would otherwise keep every run's, 5 GB after
 * a day of runs).
 */
public final class TestDatabases {
    private static String serverUrl;
    private static final List<String> created = new ArrayList<>();

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
        if (created.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(base), "cdo-test-databases"));
        }
        created.add(name);
        return dataSource(withDatabase(base, name));
    }

    /** Best effort: a server already stopped (the embedded one has a hook of its own) keeps nothing anyway. */
    private static synchronized void dropCreated(String base) {
        try (Connection c = dataSource(base).getConnection(); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            System.err.println("test databases left on " + base + ": " + e.getMessage());
        }
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
