package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.storage.SqlLower;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On PostgreSQL the read models' text compares character by character (collation "C") whatever the database's own
 * collation (migration V16): CI's test database is made in en_US.UTF-8, the {@code postgres} image's default, whose
 * order passes over punctuation and spaces. A database migrated up to V15 gets the rows first, so V16 changes columns
 * that hold data.
 */
@ExtendWith(PostgresAvailable.class)
class PostgresReadModelCollationTest {

    private static String url;

    @BeforeAll
    static void migrateWithRowsBeforeV16() throws SQLException {
        url = PostgresAvailable.emptySchema("collation_test");
        flyway("15").migrate();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO dir_member_attr_a (member_id, organization_id, path, ordinal, value_key)"
                    + " VALUES ('m1', 'o1', 'emails.value', 0, 'ann@example.com')");
            for (int i = 0; i < 2000; i++) {
                statement.execute("INSERT INTO dir_member_term_a (member_id, organization_id, term) VALUES ('m" + i
                        + "', 'o1', 'ana" + i + "')");
            }
        }
        flyway(null).migrate();
    }

    @Test
    void everyTextColumnOfTheReadModelsComparesCharacterByCharacter() throws SQLException {
        List<String> others = new ArrayList<>();
        int text = 0;
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery("SELECT table_name, column_name, collation_name"
                        + " FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND (table_name LIKE 'dir!_%' ESCAPE '!' OR table_name LIKE 'activity%')"
                        + " AND data_type IN ('character varying', 'text')")) {
            while (columns.next()) {
                text++;
                if (!"C".equals(columns.getString(3))) {
                    others.add(columns.getString(1) + "." + columns.getString(2) + " " + columns.getString(3));
                }
            }
        }
        assertThat(text).as("the read models' text columns, both slots").isGreaterThan(60);
        assertThat(others).isEmpty();
    }

    @Test
    void everyValueUnderAnAttributeIsInTheRangeOfItsPath() throws SQLException {
        // the range FilterSql reads for "emails pr" and emails[not (…)]: empty under en_US.UTF-8 before V16
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT member_id FROM dir_member_attr_a"
                        + " WHERE organization_id = 'o1' AND path >= 'emails.' AND path < 'emails/'")) {
            assertThat(found.next()).isTrue();
            assertThat(found.getString(1)).isEqualTo("m1");
        }
    }

    @Test
    void aSearchedWordIsReadAsARangeOfTheTermIndex() throws SQLException {
        List<String> plan = new ArrayList<>();
        int matches = 0;
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE dir_member_term_a");
            // only a plan that can read the prefix from the index is left open: under en_US.UTF-8 (before V16) the
            // index's order is not the prefix's, and the term is only a filter over the organization's every term
            statement.execute("SET enable_seqscan = off");
            try (ResultSet rows = statement.executeQuery(
                    "EXPLAIN SELECT member_id FROM dir_member_term_a WHERE organization_id = 'o1'"
                            + " AND term LIKE 'ana12%'")) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*) FROM dir_member_term_a WHERE organization_id = 'o1' AND term LIKE 'ana12%'")) {
                rows.next();
                matches = rows.getInt(1);
            }
        }
        assertThat(String.join("\n", plan))
                .contains("ix_dir_member_term_a_term")
                .containsPattern("Index Cond: .*term\\)?(::text)? >= 'ana12'.*term\\)?(::text)? < 'ana13'");
        assertThat(matches).as("ana12, ana120..ana129, ana1200..ana1299").isEqualTo(111);
    }

    @Test
    void aNameIsLowerCasedLetterByLetterNotOnlyAscii() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO dir_organization_a (organization_id, name, tenant_id, provisioning_enabled,"
                    + " created_at, version) VALUES ('o-lower', 'ÉQUIPE Zoë', 't-lower', FALSE, CURRENT_TIMESTAMP, 1)");
            try (ResultSet lowered = statement.executeQuery("SELECT " + SqlLower.of("name", true)
                    + ", LOWER(name) FROM dir_organization_a WHERE organization_id = 'o-lower'")) {
                assertThat(lowered.next()).isTrue();
                assertThat(lowered.getString(1)).isEqualTo("équipe zoë");
                // what SqlLower is for: LOWER under "C" lower-cases ASCII only
                assertThat(lowered.getString(2)).isEqualTo("Équipe zoë");
            }
        }
    }

    private static Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(url, PostgresAvailable.USER, PostgresAvailable.PASSWORD)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresAvailable.USER, PostgresAvailable.PASSWORD);
    }
}
