package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rebuild's frozen view of the tables it verifies once writes resume. */
class SnapshotTest {

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private void term(String table, String member, String term) {
        jdbc.update("INSERT INTO " + table + " (member_id, organization_id, term) VALUES (?, 'o1', ?)", member, term);
    }

    @Test
    void everyTableIsSeenAsItWasWhenTheSnapshotWasOpenedWhateverIsWrittenAfter() throws SQLException {
        term("dir_member_term_a", "m1", "ada");
        term("dir_member_term_a", "m2", "grace");

        try (Snapshot snapshot = Snapshot.of(dataSource, List.of("dir_member_term_a", "dir_member_term_b"))) {
            term("dir_member_term_a", "m3", "alan");
            jdbc.update("UPDATE dir_member_term_a SET term = 'ada lovelace' WHERE member_id = 'm1'");
            jdbc.update("DELETE FROM dir_member_term_a WHERE member_id = 'm2'");
            term("dir_member_term_b", "m4", "barbara");

            assertThat(terms(snapshot.connection(), "dir_member_term_a")).isEqualTo("ada,grace");
            assertThat(terms(snapshot.connection(), "dir_member_term_b")).isEmpty();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT LISTAGG(term, ',') WITHIN GROUP (ORDER BY term) FROM dir_member_term_a", String.class))
                .isEqualTo("ada lovelace,alan");
    }

    private static String terms(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COALESCE(LISTAGG(term, ',') WITHIN GROUP (ORDER BY term), '') FROM " + table)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
