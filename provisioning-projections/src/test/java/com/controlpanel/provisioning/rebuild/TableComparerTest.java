package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rebuild's verification of one table: equal whatever order the rows were written in, and what differs named. */
class TableComparerTest {

    private static final TablePair TERMS =
            new TablePair("directory", "dir_member_term_a", "dir_member_term_b", List.of("member_id", "term"));
    private static final TablePair MEMBERS =
            new TablePair("directory", "dir_member_a", "dir_member_b", List.of("member_id"));

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    /** Reads the live side while the test's thread reads the rebuilt one, as the rebuild does. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = dataSource.getConnection();
    }

    @AfterEach
    void close() throws SQLException {
        executor.shutdownNow();
        connection.close();
    }

    private void term(String table, String member, String term) {
        jdbc.update("INSERT INTO " + table + " (member_id, organization_id, term) VALUES (?, 'o1', ?)", member, term);
    }

    private void member(String table, String member, String externalId) {
        jdbc.update(
                "INSERT INTO " + table + " (member_id, organization_id, source, active, user_name, user_name_key, "
                        + "external_id, email, email_key, label, label_key, profile, created_at, last_modified_at, "
                        + "version) VALUES (?, 'o1', 'OKTA', TRUE, ?, ?, ?, ?, ?, ?, ?, '{}', "
                        + "TIMESTAMP WITH TIME ZONE '2026-05-04 10:00:00Z', "
                        + "TIMESTAMP WITH TIME ZONE '2026-05-04 10:00:00Z', 1)",
                member,
                member + "@example.com",
                member + "@example.com",
                externalId,
                member + "@example.com",
                member + "@example.com",
                member,
                member);
    }

    @Test
    void theSameRowsWrittenInAnotherOrderAreEqualWithTheSameChecksum() {
        List<String[]> rows = List.of(
                new String[] {"m1", "ada"},
                new String[] {"m1", "lovelace"},
                new String[] {"m2", "grace"},
                new String[] {"m2", "hopper"},
                new String[] {"m3", "alan"});
        rows.forEach(row -> term("dir_member_term_a", row[0], row[1]));
        for (int i = rows.size() - 1; i >= 0; i--) {
            term("dir_member_term_b", rows.get(i)[0], rows.get(i)[1]);
        }

        TableComparison comparison = TableComparer.compare(connection, TERMS);

        assertThat(comparison.equal()).isTrue();
        assertThat(comparison.table()).isEqualTo("dir_member_term");
        assertThat(comparison.liveRows()).isEqualTo(5);
        assertThat(comparison.rebuiltRows()).isEqualTo(5);
        assertThat(comparison.liveChecksum()).hasSize(32).isEqualTo(comparison.rebuiltChecksum());
        assertThat(comparison.differences()).isEmpty();
    }

    @Test
    void rowsOnlyOneSideHasAndRowsHeldDifferentlyAreNamed() {
        term("dir_member_term_a", "m1", "ada");
        term("dir_member_term_a", "m2", "grace");
        term("dir_member_term_b", "m2", "grace");
        term("dir_member_term_b", "m3", "alan");
        member("dir_member_a", "m1", "okta-1");
        member("dir_member_b", "m1", "okta-2");

        TableComparison terms = TableComparer.compare(connection, TERMS);
        TableComparison members = TableComparer.compare(connection, MEMBERS);

        assertThat(terms.equal()).isFalse();
        assertThat(terms.liveRows()).isEqualTo(2);
        assertThat(terms.rebuiltRows()).isEqualTo(2);
        assertThat(terms.liveChecksum()).isNotEqualTo(terms.rebuiltChecksum());
        assertThat(terms.differences())
                .containsExactly(
                        "member_id=m1, term=ada: only in the live read model",
                        "member_id=m3, term=alan: only in the rebuilt read model");
        assertThat(members.equal()).isFalse();
        assertThat(members.differences())
                .containsExactly("member_id=m1: external_id is 'okta-1' live, 'okta-2' rebuilt");
    }

    /**
     * Two long values the same for more than an excerpt are shown from a little before where they differ: cut at the
     * start, they read as the same value twice.
     */
    @Test
    void longValuesThatDifferLateAreShownFromWhereTheyDiffer() {
        String common = "okta-" + "x".repeat(140);
        member("dir_member_a", "m1", common + "-live-" + "y".repeat(100));
        member("dir_member_b", "m1", common + "-rebuilt-" + "y".repeat(100));

        TableComparison members = TableComparer.compare(connection, MEMBERS);

        String lead = "x".repeat(19) + "-";
        assertThat(members.differences())
                .containsExactly("member_id=m1: external_id is '..." + lead + "live-" + "y".repeat(52)
                        + "...' live, '..." + lead + "rebuilt-" + "y".repeat(49) + "...' rebuilt");
        assertThat(TableComparer.excerptStart("abc", "abd")).isZero();
        assertThat(TableComparer.abbreviate("short", 0)).isEqualTo("'short'");
        assertThat(TableComparer.abbreviate("z".repeat(81), 0)).isEqualTo("'" + "z".repeat(77) + "...'");
    }

    @Test
    void eachSideReadOnItsOwnConnectionAndThreadIsComparedTheSameWay() throws Exception {
        term("dir_member_term_a", "m1", "ada");
        term("dir_member_term_a", "m2", "grace");
        term("dir_member_term_b", "m2", "grace");
        term("dir_member_term_b", "m3", "alan");
        member("dir_member_a", "m1", "okta-1");
        member("dir_member_b", "m1", "okta-1");
        try (Connection rebuilt = dataSource.getConnection()) {
            TableComparison terms = TableComparer.compare(connection, rebuilt, TERMS, executor);
            TableComparison members = TableComparer.compare(connection, rebuilt, MEMBERS, executor);

            assertThat(terms.equal()).isFalse();
            assertThat(terms.differences())
                    .containsExactly(
                            "member_id=m1, term=ada: only in the live read model",
                            "member_id=m3, term=alan: only in the rebuilt read model");
            assertThat(members.equal()).isTrue();
            assertThat(members.liveChecksum()).isEqualTo(members.rebuiltChecksum());
        }
    }

    @Test
    void eachSideIsReadInItsOwnSnapshot() {
        term("dir_member_term_a", "m1", "ada");
        term("dir_member_term_b", "m1", "ada");
        try (Snapshot live = Snapshot.of(dataSource, List.of("dir_member_term_a"));
                Snapshot rebuilt = Snapshot.of(dataSource, List.of("dir_member_term_b"))) {
            term("dir_member_term_a", "m2", "written after the live snapshot");
            term("dir_member_term_b", "m3", "written after the rebuilt snapshot");

            TableComparison terms = TableComparer.compare(live.connection(), rebuilt.connection(), TERMS, executor);

            assertThat(terms.equal()).isTrue();
            assertThat(terms.liveRows()).isEqualTo(1);
        }
    }

    @Test
    void valuesSwappedBetweenTwoRowsAreADifference() {
        term("dir_member_term_a", "m1", "ada");
        term("dir_member_term_a", "m2", "grace");
        term("dir_member_term_b", "m1", "grace");
        term("dir_member_term_b", "m2", "ada");

        TableComparison terms = TableComparer.compare(connection, TERMS);

        assertThat(terms.equal()).isFalse();
        assertThat(terms.differences()).hasSize(4);
    }

    @Test
    void aMissingValueIsNotTheTextNull() {
        member("dir_member_a", "m1", null);
        member("dir_member_b", "m1", "null");

        TableComparison members = TableComparer.compare(connection, MEMBERS);

        assertThat(members.equal()).isFalse();
        assertThat(members.differences()).containsExactly("member_id=m1: external_id is null live, 'null' rebuilt");
    }

    @Test
    void theFirstTwentyDifferencesAreNamed() {
        for (int i = 0; i < 30; i++) {
            term("dir_member_term_a", "m" + (100 + i), "only-live");
        }

        TableComparison terms = TableComparer.compare(connection, TERMS);

        assertThat(terms.equal()).isFalse();
        assertThat(terms.liveRows()).isEqualTo(30);
        assertThat(terms.rebuiltRows()).isZero();
        assertThat(terms.differences())
                .hasSize(20)
                .first()
                .isEqualTo("member_id=m100, term=only-live: only in the live read model");
    }

    @Test
    void aMissingValueIsNotTheTextOfTheMarkerEither() {
        member("dir_member_a", "m1", null);
        member("dir_member_b", "m1", "\u0000");

        assertThat(TableComparer.compare(connection, MEMBERS).equal()).isFalse();
    }

    @Test
    void tablesWhoseColumnsDifferAreNotComparedRowByRow() {
        jdbc.execute("CREATE TABLE shape_a (id VARCHAR(8) PRIMARY KEY, label VARCHAR(8), note VARCHAR(8))");
        jdbc.execute("CREATE TABLE shape_b (id VARCHAR(8) PRIMARY KEY, note VARCHAR(8), label VARCHAR(8))");
        jdbc.update("INSERT INTO shape_a VALUES ('1', 'x', 'y')");
        jdbc.update("INSERT INTO shape_b VALUES ('1', 'x', 'y')");

        TableComparison shapes =
                TableComparer.compare(connection, new TablePair("test", "shape_a", "shape_b", List.of("id")));

        assertThat(shapes.equal()).isFalse();
        assertThat(shapes.liveRows()).isEqualTo(1);
        assertThat(shapes.differences())
                .containsExactly("the columns differ: id, label, note live, id, note, label rebuilt");
    }
}
