package com.controlpanel.provisioning.audit;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every rebuild over HTTP again, on the PostgreSQL profile against a real PostgreSQL server: verified in place while
 * writes go on (the rows summed in memory as the server gives them back), a damaged row found and only its read model
 * replaced, fresh tables on request, the failures around the switch.
 */
@ExtendWith(PostgresAvailable.class)
@ActiveProfiles("postgres")
class PostgresRebuildTest extends RebuildTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresAvailable.useEmptySchema(registry, "rebuild_test");
    }
}
