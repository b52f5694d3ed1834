package com.controlpanel.provisioning.audit;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.PostgresAvailable;
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

    /** A schema of its own, emptied when this application starts: no other PostgreSQL test empties it meanwhile. */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = PostgresAvailable.emptySchema("audit_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }
}
