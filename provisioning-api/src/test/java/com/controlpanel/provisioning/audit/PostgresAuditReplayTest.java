package com.controlpanel.provisioning.audit;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * History and state as of an instant again, on the PostgreSQL profile against a real PostgreSQL server: the events
 * read back through the organization index, and the directory states kept in a {@code BYTEA} column.
 */
@ExtendWith(PostgresAvailable.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "provisioning.state-checkpoint-every=4",
            "provisioning.state-checkpoint-settle=0s"
        })
@ActiveProfiles("postgres")
class PostgresAuditReplayTest extends AuditReplayTest {

    private static final String SCHEMA = "audit_test";

    /** A schema of its own, emptied when this application starts: no other PostgreSQL test empties it meanwhile. */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        PostgresAvailable.URL, PostgresAvailable.USER, PostgresAvailable.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        String separator = PostgresAvailable.URL.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> PostgresAvailable.URL + separator + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }
}
