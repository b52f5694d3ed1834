package com.controlpanel.provisioning.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V18: the Control Panel's sessions stored before it, under the ids their cookies hold, are deleted with
 * their attributes, so that no table read afterwards (a backup, a dump) holds an id that signs a browser in.
 */
class SessionsMigrationTest {

    @Test
    void migrationV18DeletesTheSessionsStoredUnderTheirIdsWithTheirAttributes() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "17");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // two sessions as version 17 stored them: the cookie's id is SESSION_ID
        for (String id :
                new String[] {"5f0e6f51-3c8a-4f7e-9d3b-0a1b2c3d4e5f", "0b6c2f7e-1d2a-4c3b-8e9f-112233445566"}) {
            String primary = id.replace('0', '9');
            jdbc.update(
                    "INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,"
                            + " MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, 1, 2, 1800, ?, ?)",
                    primary,
                    id,
                    Long.MAX_VALUE,
                    "ann@example.com");
            jdbc.update(
                    "INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
                            + " VALUES (?, 'SPRING_SECURITY_CONTEXT', ?)",
                    primary,
                    new byte[] {1, 2, 3});
        }
        assertThat(count(jdbc, "SPRING_SESSION")).isEqualTo(2);

        TestDatabase.migrate(dataSource, "18");

        assertThat(count(jdbc, "SPRING_SESSION")).isZero();
        assertThat(count(jdbc, "SPRING_SESSION_ATTRIBUTES")).isZero();
        // the tables stay, for the sessions stored under digests from now on
        jdbc.update(
                "INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,"
                        + " MAX_INACTIVE_INTERVAL, EXPIRY_TIME) VALUES ('p', 'qUZ0nVtS3OjK0lYQ8k2YTyv4x7Sd0wH6Sx1m', 1, 2, 1800, 3)");
        assertThat(count(jdbc, "SPRING_SESSION")).isEqualTo(1);
    }

    private static int count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
