package org.cdoutcomes.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Chooses the PostgreSQL server integration tests run against, and says which. */
final class TestServers {
    private TestServers() {
    }

    static String start() {
        String configured = System.getenv("CDO_TEST_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            System.err.println("[test database] CDO_TEST_JDBC_URL server");
            return configured;
        }
        if (dockerAvailable()) {
            System.err.println("[test database] Testcontainers PostgreSQL");
            org.testcontainers.postgresql.PostgreSQLContainer container =
                    new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15");
            container.start();
            return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
        }
        System.err.println("[test database] embedded PostgreSQL");
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary folder is removed by the library
                }
            }));
            return embedded.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
