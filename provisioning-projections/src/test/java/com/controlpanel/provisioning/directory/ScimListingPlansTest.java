package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.directory.DirectoryFilter.Comparison;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.testing.QueryPlans;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SCIM's listing without a filter, which Okta's import pages through (and its "Test API credentials" asks the first
 * page of), reads each page from the index of its order instead of reading and sorting every member or team of the
 * organization: H2's own account of the statement, from {@code EXPLAIN ANALYZE}, and the pages themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimListingPlansTest {

    private static final int MEMBERS = 2_000;
    private static final int TEAMS = 500;
    private static final Duration TIME = Duration.ofSeconds(10);

    private DirectorySearch search;

    @BeforeAll
    void membersAndTeams() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        DirectorySlots slots = new DirectorySlots(jdbc);
        DirectoryProjection projection = new DirectoryProjection(slots);
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        projection.on(new OrganizationCreated(ORG, "Acme", TENANT), now, 0L);
        // created in the order of their numbers, names in the reverse order: the created order is not the names'
        for (int i = 0; i < MEMBERS; i++) {
            MemberProfile profile = MemberProfile.invited(
                    String.format(Locale.ROOT, "person%05d@example.com", i),
                    PersonName.of("Person", String.format(Locale.ROOT, "Number %05d", MEMBERS - i)));
            projection.on(
                    new MemberProvisioned(ORG, MemberId.random(), Source.OKTA, profile, true), now.plusSeconds(i), 0L);
        }
        for (int i = 0; i < TEAMS; i++) {
            projection.on(
                    new TeamProvisioned(
                            ORG,
                            TeamId.random(),
                            Source.OKTA,
                            new TeamName(String.format(Locale.ROOT, "Team %05d", TEAMS - i)),
                            null),
                    now.plusSeconds(i),
                    0L);
        }
        search = new DirectorySearch(jdbc, slots);
    }

    @Test
    void aPageOfEveryUserIsReadFromTheIndexOfItsOrder() {
        DirectorySearchQuery oldestFirst = query(DirectoryFilter.ANY, null, 1_000);
        SearchResult<MemberRow> page = search.members(oldestFirst, TIME);
        assertThat(page.total()).isEqualTo(MEMBERS);
        assertThat(page.items())
                .extracting(row -> row.profile().userName().value())
                .startsWith("person01000@example.com", "person01001@example.com")
                .endsWith("person01099@example.com")
                .hasSize(100);
        assertReadFromIndex(search.explainMembers(oldestFirst), "IX_DIR_MEMBER_[AB]_CREATED", 1_000 + 100);

        DirectorySearchQuery byLastModified = query(DirectoryFilter.ANY, "meta.lastmodified", 1_900);
        assertThat(search.members(byLastModified, TIME).items())
                .extracting(row -> row.profile().userName().value())
                .startsWith("person01900@example.com")
                .endsWith("person01999@example.com");
        assertReadFromIndex(search.explainMembers(byLastModified), "IX_DIR_MEMBER_[AB]_MODIFIED", MEMBERS);
    }

    @Test
    void aPageOfEveryGroupIsReadFromTheIndexOfItsOrder() {
        DirectorySearchQuery oldestFirst = query(DirectoryFilter.ANY, null, 200);
        SearchResult<TeamRow> page = search.teams(oldestFirst, TIME);
        assertThat(page.total()).isEqualTo(TEAMS);
        assertThat(page.items())
                .extracting(row -> row.displayName().value())
                .startsWith("Team 00300", "Team 00299")
                .hasSize(100);
        assertReadFromIndex(search.explainTeams(oldestFirst), "IX_DIR_TEAM_[AB]_CREATED", 200 + 100);

        DirectorySearchQuery byName = query(DirectoryFilter.ANY, "displayname", 0);
        assertThat(search.teams(byName, TIME).items())
                .extracting(row -> row.displayName().value())
                .startsWith("Team 00001", "Team 00002");
        assertReadFromIndex(search.explainTeams(byName), "IX_DIR_TEAM_[AB]_NAME", 100);
    }

    @Test
    void aFilteredSearchKeepsTheIndexOfItsFilter() {
        // Okta's lookup before it creates: the userName index, one row, not the order's index walked to find it
        DirectorySearchQuery lookup =
                query(new DirectoryFilter.Compare("username", Comparison.EQ, "PERSON01234@example.com"), null, 0);
        assertThat(search.members(lookup, TIME).items())
                .extracting(row -> row.profile().userName().value())
                .containsExactly("person01234@example.com");
        String plan = search.explainMembers(lookup);
        assertThat(plan).as(plan).containsPattern("IX_DIR_MEMBER_[AB]_USER_NAME");
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThanOrEqualTo(2);
    }

    /** The plan names the index, reads the rows in its order (no sort) and no more of them than given. */
    private static void assertReadFromIndex(String plan, String index, long most) {
        assertThat(plan).as(plan).containsPattern(index).contains("/* index sorted */");
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThanOrEqualTo(most);
    }

    private static DirectorySearchQuery query(DirectoryFilter filter, String sortBy, int offset) {
        return new DirectorySearchQuery(ORG, filter, sortBy, false, offset, 100);
    }
}
