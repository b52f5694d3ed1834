package com.controlpanel.provisioning.audit;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on the PostgreSQL profile, whose catalogue defines the indexes in its own words. */
@ExtendWith(PostgresAvailable.class)
@ActiveProfiles("postgres")
class PostgresRebuildIndexesTest extends RebuildIndexesTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = PostgresAvailable.emptySchema("rebuild_indexes_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }
}
