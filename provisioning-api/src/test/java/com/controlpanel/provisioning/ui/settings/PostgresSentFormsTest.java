package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.testing.PostgresAvailable;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link SentFormsTest} on PostgreSQL: its primary key taking the claim of two sendings at once. */
@ExtendWith(PostgresAvailable.class)
class PostgresSentFormsTest extends SentFormsTest {

    @Override
    DataSource database() {
        return new DriverManagerDataSource(
                PostgresAvailable.emptySchema("sent_forms_test"), PostgresAvailable.USER, PostgresAvailable.PASSWORD);
    }
}
