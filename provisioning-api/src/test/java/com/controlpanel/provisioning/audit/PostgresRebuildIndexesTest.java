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
        PostgresAvailable.useEmptySchema(registry, "rebuild_indexes_test");
    }
}
