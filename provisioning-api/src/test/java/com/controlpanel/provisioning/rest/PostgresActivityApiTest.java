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

    /** A schema of its own, emptied when this application starts: no other PostgreSQL test empties it meanwhile. */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = PostgresAvailable.emptySchema("activity_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }
}
