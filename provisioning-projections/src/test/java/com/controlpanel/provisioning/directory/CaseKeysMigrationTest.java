package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.storage.CaseKeys;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V19: the keys stored by lower-casing alone are written again in their case-insensitive form
 * ({@link CaseInsensitive}), so that a userName, a team's name or an admin's email that differs from a stored one only
 * by Greek's final sigma is found by it, and taken; two rows that were both stored under keys that now fold together
 * stay, one of them under its former key.
 */
class CaseKeysMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

    @Test
    void migrationV19WritesTheKeysThatFoldFurtherAgainAndLeavesTwoThatWouldCollide() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "18");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the command side's lookups as the version before it wrote them: lower-cased alone
        csMember(jdbc, "m-final", "org-1", "oς@x.com");
        csMember(jdbc, "m-other", "org-1", "oσ@x.com"); // both stored: their keys would now be one
        csMember(jdbc, "m-long-s", "org-1", "ſam@x.com");
        csMember(jdbc, "m-elsewhere", "org-2", "oς@x.com");
        csMember(jdbc, "m-plain", "org-1", "ann@x.com");
        jdbc.update(
                "INSERT INTO cs_team (team_id, organization_id, name_key, source) VALUES ('t-1', 'org-1', ?, 'OKTA')",
                "Ομάδες".toLowerCase(Locale.ROOT));
        jdbc.update("INSERT INTO admin_account (admin_id, email, email_key, password_hash, operator, created_at)"
                + " VALUES ('a-1', 'Μ@x.com', 'µ@x.com', 'hash', FALSE, CURRENT_TIMESTAMP)");
        // a member in both slots of the directory, its keys lower-cased alone
        MemberRow row = new MemberRow(
                MemberId.random(),
                ORG,
                Source.OKTA,
                true,
                MemberProfile.invited("ΟΔΥΣΣΕΥΣ@x.com", PersonName.of("Οδυσσέας", "Παπαδόπουλος")),
                T0,
                T0,
                0);
        for (String slot : List.of("a", "b")) {
            Object[] values = JdbcDirectoryStore.memberValues(row, EventJson.events());
            values[5] = "οδυσσευς@x.com";
            values[9] = "οδυσσέας";
            values[10] = "παπαδόπουλος";
            values[12] = "οδυσσευς@x.com";
            jdbc.update(
                    "INSERT INTO dir_member_" + slot + " (" + JdbcDirectoryStore.MEMBER_COLUMNS + ") VALUES ("
                            + "?,".repeat(values.length - 1) + "?)",
                    values);
            jdbc.update(
                    "INSERT INTO dir_member_attr_" + slot + " (member_id, organization_id, path, ordinal, value_key)"
                            + " VALUES (?, ?, 'name.formatted', 0, 'οδυσσέας παπαδόπουλος')",
                    row.memberId().value(),
                    ORG.value());
        }

        TestDatabase.migrate(dataSource, "19");

        assertThat(userNameKey(jdbc, "m-final"))
                .as("another member of its organization holds the folded key: kept")
                .isEqualTo("oς@x.com");
        assertThat(userNameKey(jdbc, "m-other")).isEqualTo("oσ@x.com");
        assertThat(userNameKey(jdbc, "m-long-s")).isEqualTo("sam@x.com");
        assertThat(userNameKey(jdbc, "m-elsewhere")).isEqualTo("oσ@x.com");
        assertThat(userNameKey(jdbc, "m-plain")).isEqualTo("ann@x.com");
        assertThat(jdbc.queryForObject("SELECT name_key FROM cs_team WHERE team_id = 't-1'", String.class))
                .isEqualTo(CaseInsensitive.key("ΟΜΆΔΕΣ"))
                .isEqualTo("ομάδεσ");
        assertThat(jdbc.queryForObject("SELECT email_key FROM admin_account WHERE admin_id = 'a-1'", String.class))
                .isEqualTo("μ@x.com");
        for (String slot : List.of("a", "b")) {
            assertThat(jdbc.queryForList(
                                    "SELECT user_name_key, given_name_key, family_name_key, email_key FROM dir_member_"
                                            + slot)
                            .get(0)
                            .values())
                    .containsExactly("οδυσσευσ@x.com", "οδυσσέασ", "παπαδόπουλοσ", "οδυσσευσ@x.com");
            assertThat(jdbc.queryForObject("SELECT value_key FROM dir_member_attr_" + slot, String.class))
                    .isEqualTo("οδυσσέασ παπαδόπουλοσ");
            // as the directory writes the same member now
            Object[] now = JdbcDirectoryStore.memberValues(row, EventJson.events());
            assertThat(List.of(now[5], now[9], now[10], now[12]))
                    .containsExactly("οδυσσευσ@x.com", "οδυσσέασ", "παπαδόπουλοσ", "οδυσσευσ@x.com");
        }
    }

    @Test
    void migrationV20RecordsTheKeysV19KeptUnderTheirCaseInsensitiveForm() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "18");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        csMember(jdbc, "m-final", "org-1", "oς@x.com");
        csMember(jdbc, "m-other", "org-1", "oσ@x.com");
        csMember(jdbc, "m-elsewhere", "org-2", "oς@x.com");
        for (String[] team : List.of(new String[] {"t-final", "ομάδας"}, new String[] {"t-other", "ομάδασ"})) {
            jdbc.update(
                    "INSERT INTO cs_team (team_id, organization_id, name_key, source) VALUES (?, 'org-1', ?, 'OKTA')",
                    team[0],
                    team[1]);
        }
        for (String[] admin : List.of(new String[] {"a-final", "ς@x.com"}, new String[] {"a-other", "σ@x.com"})) {
            jdbc.update(
                    "INSERT INTO admin_account (admin_id, email, email_key, password_hash, operator, created_at)"
                            + " VALUES (?, ?, ?, 'hash', FALSE, CURRENT_TIMESTAMP)",
                    admin[0],
                    admin[1],
                    admin[1]);
        }
        TestDatabase.migrate(dataSource, "19");

        TestDatabase.migrate(dataSource, "20");

        assertThat(jdbc
                        .queryForList(
                                "SELECT kind, id, organization_id, stored_key, folded_key FROM kept_case_key ORDER BY kind, id")
                        .stream()
                        .map(row -> List.copyOf(row.values()))
                        .toList())
                .as("the rows schema 19 kept beside another, under the key they would have; no other")
                .containsExactly(
                        List.of("admin", "a-final", "", "ς@x.com", "σ@x.com"),
                        List.of("member", "m-final", "org-1", "oς@x.com", "oσ@x.com"),
                        List.of("team", "t-final", "org-1", "ομάδας", "ομάδασ"));
        try (var connection = dataSource.getConnection()) {
            assertThat(CaseKeys.recordKept(connection)).as("recorded once").isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void csMember(JdbcTemplate jdbc, String memberId, String organizationId, String key) {
        jdbc.update(
                "INSERT INTO cs_member (member_id, organization_id, user_name_key, source) VALUES (?, ?, ?, 'OKTA')",
                memberId,
                organizationId,
                key);
    }

    private static String userNameKey(JdbcTemplate jdbc, String memberId) {
        return jdbc.queryForObject("SELECT user_name_key FROM cs_member WHERE member_id = ?", String.class, memberId);
    }
}
