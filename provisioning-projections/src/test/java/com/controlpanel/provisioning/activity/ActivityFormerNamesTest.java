package com.controlpanel.provisioning.activity;

import static com.controlpanel.provisioning.testing.EventExamples.ALICE;
import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static com.controlpanel.provisioning.testing.EventExamples.aliceProfile;
import static com.controlpanel.provisioning.testing.EventExamples.aliceRenamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The names members and teams had before their current one: kept by the projection as events rename them, the same
 * as a rebuild's fold keeps them in memory and as migration V13 finds them in the rows already stored; and found by
 * {@link ActivityQueries#formerlyNamed}.
 */
class ActivityFormerNamesTest {

    /** A team renamed twice and back to its first name, a member whose email changed: the events, in order. */
    private static List<OrganizationEvent> renames() {
        return List.of(
                new OrganizationCreated(ORG, "Acme", TENANT),
                new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "g1"),
                new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")),
                new TeamRenamed(ORG, ENGINEERING, new TeamName("R&D"), new TeamName("Platform")),
                new TeamRenamed(ORG, ENGINEERING, new TeamName("Platform"), new TeamName("Engineering")),
                new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true),
                new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed()));
    }

    /** In the order of their ids, then names (33f3… is Engineering's, 417c… Alice's). */
    private static final List<String> FORMER = List.of(
            ENGINEERING.value() + "=Platform",
            ENGINEERING.value() + "=R&D",
            ALICE.value() + "=Alice Adams (alice@example.com)");

    private static ActivityRow describe(long position, OrganizationEvent event, SubjectNames names) {
        return ActivityDescriber.describe(
                new ActivityDescriber.Input(
                        position,
                        UUID.randomUUID().toString(),
                        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(position),
                        event,
                        Actor.SYSTEM,
                        null,
                        null),
                names);
    }

    private static List<String> former(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList(
                "SELECT subject_id || '=' || name FROM " + table + " WHERE organization_id = ? ORDER BY 1",
                String.class,
                ORG.value());
    }

    @Test
    void theProjectionKeepsEveryNameASubjectHadButTheOneItHasNowAsARebuildsFoldDoes() {
        JdbcTemplate jdbc = TestDatabase.jdbc();
        ActivityStore store = new ActivitySlots(jdbc).liveStore();
        SubjectNames.InMemory folded = new SubjectNames.InMemory();
        long position = 0;
        for (OrganizationEvent event : renames()) {
            position++;
            store.insert(describe(position, event, store));
            describe(position, event, folded);
        }

        assertThat(former(jdbc, store.tables().former())).containsExactlyElementsOf(FORMER);
        List<String> inMemory = new ArrayList<>();
        folded.formerNames().forEach(row -> inMemory.add(row[0] + "=" + row[1]));
        assertThat(inMemory).containsExactlyInAnyOrderElementsOf(FORMER);

        ActivityQueries queries = new ActivityQueries(
                jdbc,
                new ActivitySlots(jdbc),
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        assertThat(queries.formerlyNamed(ORG, "r&d", 10))
                .containsExactly(new ActivityQueries.FormerlyNamed(ENGINEERING.value(), "TEAM", "R&D"));
        assertThat(queries.formerlyNamed(ORG, "ALICE@example", 10))
                .containsExactly(
                        new ActivityQueries.FormerlyNamed(ALICE.value(), "MEMBER", "Alice Adams (alice@example.com)"));
        // its name now is no former one; an organization's former names are no member or team
        assertThat(queries.formerlyNamed(ORG, "Engineering", 10)).isEmpty();
        assertThat(queries.formerlyNamed(ORG, "a", 1)).hasSize(1);
    }

    @Test
    void migrationV13FindsTheFormerNamesInTheRowsAlreadyStored() {
        DataSource dataSource = TestDatabase.empty();
        TestDatabase.migrate(dataSource, "12");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the rows and names of a version before it, written as that version wrote them
        ActivityStore store = new ActivityStore(jdbc, ActivityTables.of("a"));
        SubjectNames.InMemory names = new SubjectNames.InMemory();
        List<ActivityRow> rows = new ArrayList<>();
        long position = 0;
        for (OrganizationEvent event : renames()) {
            rows.add(describe(++position, event, names));
        }
        store.insertAll(rows);
        store.writeSubjects(names.all());

        TestDatabase.migrate(dataSource, "13");

        assertThat(former(jdbc, "activity_former_name_a")).containsExactlyElementsOf(FORMER);
        assertThat(former(jdbc, "activity_former_name_b")).isEmpty();
    }
}
