package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrations V14 and V15 give the members and teams already stored the keys the lists sorted by name are read in the
 * order of, made from their names as the projection makes them now, in both slots.
 */
class NameOrderMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

    @Test
    void migrationV14OrdersTheNamesAlreadyStoredWithoutRegardToCaseAndAccents() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "13");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // rows as the version before it wrote them, in both slots
        for (String slot : List.of("a", "b")) {
            member(jdbc, slot, "Zoé", "Martin");
            member(jdbc, slot, "Émile", "Durand");
            member(jdbc, slot, "ada", "Lovelace");
            team(jdbc, slot, "Zeta");
            team(jdbc, slot, "Équipe Nord");
        }

        TestDatabase.migrate(dataSource, "14");

        for (String slot : List.of("a", "b")) {
            assertThat(jdbc.queryForList(
                            "SELECT label_key FROM dir_member_" + slot + " ORDER BY label_key", String.class))
                    .containsExactly("ada lovelace", "emile durand", "zoe martin");
            assertThat(jdbc.queryForList(
                            "SELECT name_order FROM dir_team_" + slot + " ORDER BY name_order", String.class))
                    .containsExactly("equipe nord", "zeta");
            assertThat(jdbc.queryForList(
                            "SELECT index_name FROM information_schema.indexes WHERE table_name = ?",
                            String.class,
                            ("dir_team_" + slot).toUpperCase()))
                    .contains(("ix_dir_team_" + slot + "_name_order").toUpperCase());
        }
        DirectoryQueries queries = new DirectoryQueries(jdbc, new DirectorySlots(jdbc));
        assertThat(queries
                        .findMembers(new FindMembersQuery(ORG, null, null, null, null, MemberSort.NAME, false, 0, 10))
                        .items()
                        .stream()
                        .map(summary -> summary.member().profile().label()))
                .containsExactly("ada Lovelace", "Émile Durand", "Zoé Martin");
    }

    @Test
    void migrationV15OrdersTheNumbersInTheNamesAlreadyStoredByTheirValues() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "14");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // rows as the version before it wrote them, in both slots: the keys the names folded, numbers as text
        for (String slot : List.of("a", "b")) {
            for (String familyName : List.of("10", "9", "2", "100", "Zed")) {
                Object[] values = memberValues("Agent", familyName);
                values[14] = ProfileIndex.folded("Agent " + familyName);
                insert(jdbc, "dir_member_" + slot, JdbcDirectoryStore.MEMBER_COLUMNS, values);
            }
            for (String name : List.of("Équipe 10", "Équipe 9", "Équipe 1", "Équipe B")) {
                Object[] values = JdbcDirectoryStore.teamValues(
                        new TeamRow(TeamId.random(), ORG, Source.MANUAL, new TeamName(name), null, 0, T0, T0, 0, 0));
                values[values.length - 1] = ProfileIndex.folded(name);
                insert(jdbc, "dir_team_" + slot, JdbcDirectoryStore.TEAM_COLUMNS, values);
            }
            assertThat(jdbc.queryForList("SELECT label FROM dir_member_" + slot + " ORDER BY label_key", String.class))
                    .containsExactly("Agent 10", "Agent 100", "Agent 2", "Agent 9", "Agent Zed");
        }

        TestDatabase.migrate(dataSource, "15");

        for (String slot : List.of("a", "b")) {
            assertThat(jdbc.queryForList("SELECT label FROM dir_member_" + slot + " ORDER BY label_key", String.class))
                    .containsExactly("Agent 2", "Agent 9", "Agent 10", "Agent 100", "Agent Zed");
            assertThat(jdbc.queryForList(
                            "SELECT display_name FROM dir_team_" + slot + " ORDER BY name_order", String.class))
                    .containsExactly("Équipe 1", "Équipe 9", "Équipe 10", "Équipe B");
        }
        DirectoryQueries queries = new DirectoryQueries(jdbc, new DirectorySlots(jdbc));
        assertThat(queries.findTeams(new FindTeamsQuery(ORG, null, null, TeamSort.NAME, false, 0, 10)).items().stream()
                        .map(summary -> summary.team().displayName().value()))
                .containsExactly("Équipe 1", "Équipe 9", "Équipe 10", "Équipe B");
    }

    private static Object[] memberValues(String givenName, String familyName) {
        String email = UUID.randomUUID() + "@example.com";
        MemberRow row = new MemberRow(
                MemberId.random(),
                ORG,
                Source.MANUAL,
                true,
                MemberProfile.invited(email, PersonName.of(givenName, familyName)),
                T0,
                T0,
                0);
        return JdbcDirectoryStore.memberValues(row, EventJson.events());
    }

    private static void member(JdbcTemplate jdbc, String slot, String givenName, String familyName) {
        Object[] values = memberValues(givenName, familyName);
        // as the version before V14 wrote it: the label lower-cased, with its accents
        values[14] = (givenName + " " + familyName).toLowerCase(Locale.ROOT);
        insert(jdbc, "dir_member_" + slot, JdbcDirectoryStore.MEMBER_COLUMNS, values);
    }

    private static void team(JdbcTemplate jdbc, String slot, String name) {
        TeamRow row = new TeamRow(TeamId.random(), ORG, Source.MANUAL, new TeamName(name), null, 0, T0, T0, 0, 0);
        // without its last column, the order key, which the version before V14 did not have
        String columns = JdbcDirectoryStore.TEAM_COLUMNS;
        insert(
                jdbc,
                "dir_team_" + slot,
                columns.substring(0, columns.lastIndexOf(',')),
                Arrays.copyOf(JdbcDirectoryStore.teamValues(row), columns.split(",").length - 1));
    }

    private static void insert(JdbcTemplate jdbc, String table, String columns, Object[] values) {
        jdbc.update(
                "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?,".repeat(values.length - 1) + "?)", values);
    }
}
