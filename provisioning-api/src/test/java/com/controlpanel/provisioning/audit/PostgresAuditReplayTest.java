package com.controlpanel.provisioning.audit;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * History and state as of an instant again, on the PostgreSQL profile against a real PostgreSQL server: the events
 * read back through the organization index, and the directory states kept in a {@code BYTEA} column.
 */
// the settings of AuditReplayTest's @ApplicationTest (states kept every four events), on PostgreSQL
@ExtendWith(PostgresAvailable.class)
@ActiveProfiles("postgres")
class PostgresAuditReplayTest extends AuditReplayTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresAvailable.useEmptySchema(registry, "audit_test");
    }
}
