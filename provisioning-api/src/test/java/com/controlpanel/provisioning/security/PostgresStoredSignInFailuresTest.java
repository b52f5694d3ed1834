package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link StoredSignInFailuresTest} on PostgreSQL: its row locks and unique key meeting two nodes' failures at once. */
@ExtendWith(PostgresAvailable.class)
class PostgresStoredSignInFailuresTest extends StoredSignInFailuresTest {

    @Override
    DataSource database() {
        return new DriverManagerDataSource(
                PostgresAvailable.emptySchema("sign_in_failures_test"),
                PostgresAvailable.USER,
                PostgresAvailable.PASSWORD);
    }
}
