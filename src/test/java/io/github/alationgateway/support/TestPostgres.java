package io.github.alationgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where PostgreSQL tests find their database, in this order: GATEWAY_TEST_POSTGRES_URL (default: this machine's
 * PostgreSQL on 127.0.0.1:5432, database test, user postgres); else a Testcontainers PostgreSQL where Docker
 * runs; else none, and the tests are skipped with a message, unless GATEWAY_REQUIRE_POSTGRES=true (CI), where
 * a missing database fails them. Each caller gets a schema of its own, so test classes never see each other's
 * jobs.
 */
public final class TestPostgres {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static volatile Server server;

    public record Server(String url, String username, String password) {}

    /** A fresh, empty schema's connection settings. */
    public record Schema(String url, String username, String password, String schema) {}

    private TestPostgres() {}

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("GATEWAY_REQUIRE_POSTGRES"));
    }

    /** The server, or null when there is none. */
    public static synchronized Server server() {
        if (server != null) return server;
        String url = env("GATEWAY_TEST_POSTGRES_URL", DEFAULT_URL);
        String user = env("GATEWAY_TEST_POSTGRES_USER", "postgres");
        String password = env("GATEWAY_TEST_POSTGRES_PASSWORD", "");
        if (reachable(url, user, password)) {
            server = new Server(url, user, password);
        } else if (dockerAvailable()) {
            @SuppressWarnings("resource")
            var container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            server = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return server;
    }

    public static String unavailableMessage() {
        return "No PostgreSQL for this test: none answers at " + env("GATEWAY_TEST_POSTGRES_URL", DEFAULT_URL)
                + " and Docker is not available for Testcontainers (set GATEWAY_TEST_POSTGRES_URL to use another)";
    }

    public static Schema newSchema() {
        Server s = server();
        if (s == null) throw new IllegalStateException(unavailableMessage());
        String schema =
                "gw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(s.url(), s.username(), s.password())) {
            c.createStatement().execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + ": " + e.getMessage(), e);
        }
        String separator = s.url().contains("?") ? "&" : "?";
        return new Schema(s.url() + separator + "currentSchema=" + schema, s.username(), s.password(), schema);
    }

    private static boolean reachable(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
