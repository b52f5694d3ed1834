package com.controlpanel.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The test applications' H2 databases keep replaced data briefly (see {@link TestDatabases}). */
@ApplicationTest
class TestDatabasesTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTestApplicationsH2DatabaseKeepsReplacedDataForOneSecond() {
        // H2 lists the setting twice, as a database setting and as its store's
        assertThat(jdbc.queryForList(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'RETENTION_TIME'",
                        String.class))
                .isNotEmpty()
                .containsOnly(String.valueOf(TestDatabases.RETENTION_MS));
    }
}
