package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Activity > Actions over HTTP again, on the PostgreSQL profile against a real PostgreSQL server: the filters, the
 * cursor, the exports with each subject's source (ids joined as a list of values), the live stream.
 */
@ExtendWith(PostgresAvailable.class)
@ActiveProfiles("postgres")
class PostgresActivityApiTest extends ActivityApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresAvailable.useEmptySchema(registry, "activity_test");
    }
}
