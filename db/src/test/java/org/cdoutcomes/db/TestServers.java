package org.cdoutcomes.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Chooses the PostgreSQL server integration tests run against, and says which. */
final class TestServers {
    private static final int DOCKER_CHECK_SECONDS = 15;

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

    /** Answers within seconds even when DOCKER_HOST names an engine that does not respond. */
    private static boolean dockerAvailable() {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        });
        try {
            return check.get(DOCKER_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
