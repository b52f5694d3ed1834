package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows a rebuild folds, summed without being written, against the same rows read back from a table: equal
 * checksums whatever the values' Java types and the columns' order, and any difference seen.
 */
class ExpectedRowsTest {

    private static final String MEMBER_COLUMNS =
            "member_id, organization_id, source, active, user_name, user_name_key, "
                    + "external_id, display_name, display_name_key, given_name_key, family_name_key, email, email_key, "
                    + "label, label_key, profile, created_at, last_modified_at, version";
    private static final Instant CREATED = Instant.parse("2026-05-04T10:00:00.123456Z");

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private static Object[] member(String id, String externalId, boolean active, Instant modified) {
        return new Object[] {
            id,
            "o1",
            "OKTA",
            active,
            id + "@example.com",
            id + "@example.com",
            externalId,
            null,
            null,
            null,
            null,
            id + "@example.com",
            id + "@example.com",
            id,
            id,
            "{\"userName\":\"" + id + "\"}",
            CREATED.atOffset(ZoneOffset.UTC),
            modified.atOffset(ZoneOffset.ofHours(2)),
            7L
        };
    }

    private void write(String table, List<Object[]> rows) {
        jdbc.batchUpdate(
                "INSERT INTO " + table + " (" + MEMBER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows);
    }

    private TableComparer.Checksum read(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return TableComparer.checksum(connection, table);
        }
    }

    @Test
    void rowsSummedUnwrittenHaveTheChecksumOfTheSameRowsReadFromATable() throws SQLException {
        List<Object[]> rows = List.of(
                member("m1", "okta-1", true, CREATED.plusSeconds(60)),
                member("m2", null, false, CREATED.plusMillis(1)));
        write("dir_member_a", rows);
        ExpectedRows expected = new ExpectedRows(dataSource);

        // given in another order of columns and rows, a moment at another offset, a number of another type
        List<String> columns = new ArrayList<>(List.of(MEMBER_COLUMNS.split(", ")));
        java.util.Collections.reverse(columns);
        List<Object[]> reversed = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Object[] row = rows.get(i).clone();
            row[16] = ((OffsetDateTime) row[16]).toInstant();
            row[18] = 7;
            java.util.Collections.reverse(java.util.Arrays.asList(row));
            reversed.add(row);
        }
        expected.rows("dir_member_a", String.join(", ", columns), reversed);

        assertThat(expected.shapeDiffers("dir_member_a")).isEmpty();
        assertThat(expected.checksum("dir_member_a")).isEqualTo(read("dir_member_a"));
        assertThat(expected.checksum("dir_member_a").rows()).isEqualTo(2);
    }

    @Test
    void anyValueHeldDifferentlyGivesAnotherChecksum() throws SQLException {
        write("dir_member_a", List.<Object[]>of(member("m1", "okta-1", true, CREATED)));

        for (int column : new int[] {3, 6, 17, 18}) {
            Object[] row = member("m1", "okta-1", true, CREATED);
            row[column] = switch (column) {
                case 3 -> false;
                case 6 -> null;
                case 17 -> OffsetDateTime.ofInstant(CREATED.plusNanos(1_000), ZoneOffset.UTC);
                default -> 8L;
            };
            ExpectedRows expected = new ExpectedRows(dataSource);
            expected.rows("dir_member_a", MEMBER_COLUMNS, List.<Object[]>of(row));

            assertThat(expected.checksum("dir_member_a"))
                    .as("column " + (column + 1))
                    .isNotEqualTo(read("dir_member_a"));
        }
    }

    @Test
    void noRowsGivenIsTheChecksumOfAnEmptyTable() throws SQLException {
        ExpectedRows expected = new ExpectedRows(dataSource);

        assertThat(expected.checksum("dir_team_a")).isEqualTo(read("dir_team_a"));
        assertThat(expected.checksum("dir_team_a").rows()).isZero();
    }

    @Test
    void rowsOfAnotherShapeThanTheTableAreNotComparable() {
        ExpectedRows expected = new ExpectedRows(dataSource);

        expected.rows("dir_member_term_a", "member_id, organization_id", List.<Object[]>of(new Object[] {"m1", "o1"}));

        assertThat(expected.shapeDiffers("dir_member_term_a"))
                .hasValue(
                        "the columns differ: member_id, organization_id, term live, member_id, organization_id rebuilt");
    }
}
