package com.controlpanel.provisioning.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test class against a real PostgreSQL server named by {@code PROVISIONING_TEST_POSTGRES_URL} (a database the
 * test may wipe). Without it the class is skipped with that reason, except on CI ({@code CI=true}) where the
 * server is required and its absence fails the build.
 */
public class PostgresAvailable implements ExecutionCondition {

    public static final String URL = System.getenv("PROVISIONING_TEST_POSTGRES_URL");
    public static final String USER = envOr("PROVISIONING_TEST_POSTGRES_USER", "provisioning");
    public static final String PASSWORD = envOr("PROVISIONING_TEST_POSTGRES_PASSWORD", "provisioning");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (URL == null || URL.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PROVISIONING_TEST_POSTGRES_URL is not set: .ci/run must "
                        + "start PostgreSQL and export it");
            }
            return ConditionEvaluationResult.disabled(
                    "PostgreSQL tests skipped: set PROVISIONING_TEST_POSTGRES_URL (see README, 'Tests')");
        }
        return ConditionEvaluationResult.enabled("PostgreSQL at " + URL);
    }

    /** Empties the test database, so the application's migrations run from scratch. */
    public static void wipe() {
        emptySchema("public");
    }

    /**
     * Empties (or creates) a schema of the test database and returns the JDBC URL that works in it: an application
     * in a schema of its own is never touched by another test's {@link #wipe}.
     */
    public static String emptySchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the PostgreSQL test database " + URL, e);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Points a test application at a schema of its own, emptied now (from a {@code @DynamicPropertySource}, so as the
     * application starts): no other PostgreSQL test empties it meanwhile.
     */
    public static void useEmptySchema(DynamicPropertyRegistry registry, String schema) {
        String url = emptySchema(schema);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
