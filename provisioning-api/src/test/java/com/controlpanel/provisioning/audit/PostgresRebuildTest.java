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

    /** A schema of its own, emptied when this application starts: no other PostgreSQL test empties it meanwhile. */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = PostgresAvailable.emptySchema("rebuild_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }
}
