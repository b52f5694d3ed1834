package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The search timeout again on the PostgreSQL profile, whose server cancels the statement (SQL state 57014). */
@ExtendWith(PostgresAvailable.class)
@ActiveProfiles("postgres")
class PostgresScimSearchTimeoutTest extends ScimSearchTimeoutTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresAvailable.useEmptySchema(registry, "search_timeout_test");
    }
}
