package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberDeactivated;
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
import java.time.Instant;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Control Panel's member list reads a page from an index, whatever the sort direction or filter, instead of
 * reading and sorting every member of the organization: H2's own account of the statements, from {@code EXPLAIN
 * ANALYZE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberListPlansTest {

    private static final int MEMBERS = 2_000;
    private static final Predicate<String> MEMBER_PAGE =
            sql -> sql.contains("FROM dir_member_") && sql.contains("LIMIT");
    private static final Predicate<String> MEMBER_COUNT = sql -> sql.startsWith("SELECT COUNT(*) FROM dir_member_");

    private static final TeamId GUILD = new TeamId("5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    private QueryPlans plans;
    private DirectoryQueries queries;

    @BeforeAll
    void members() {
        DataSource dataSource = TestDatabase.migrated();
        DirectorySlots slots = new DirectorySlots(new JdbcTemplate(dataSource));
        DirectoryProjection projection = new DirectoryProjection(slots);
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        projection.on(new OrganizationCreated(ORG, "Acme", TENANT), now, 0L);
        projection.on(new TeamProvisioned(ORG, GUILD, Source.MANUAL, new TeamName("Guild"), null), now, 0L);
        for (int i = 0; i < MEMBERS; i++) {
            MemberId member = MemberId.random();
            MemberProfile profile = MemberProfile.invited(
                    "person" + i + "@example.com", PersonName.of("Person", String.format("Number %05d", i)));
            projection.on(new MemberProvisioned(ORG, member, Source.OKTA, profile, true), now.plusSeconds(i), 0L);
            if (i % 100 == 0) {
                projection.on(new MemberDeactivated(ORG, member), now.plusSeconds(i), 1L);
            }
        }
        plans = new QueryPlans(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(plans.dataSource());
        queries = new DirectoryQueries(jdbc, new DirectorySlots(jdbc));
    }

    private MemberPage page(MemberStatus status, MemberSort sort, boolean descending, int offset) {
        return queries.findMembers(new FindMembersQuery(ORG, null, null, status, null, sort, descending, offset, 20));
    }

    @Test
    void everySortAndDirectionPagesFromItsIndex() throws Exception {
        for (MemberSort sort : MemberSort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                assertThat(page(null, sort, descending, 40).items()).hasSize(20);

                String plan = plans.explainLast(MEMBER_PAGE);
                assertThat(plan).as(plan).contains("/* index sorted */");
                // the rows up to the end of the page (from the index's end when descending), never all of them
                long read = QueryPlans.rowsRead(plan);
                assertThat(read).as(plan).isLessThanOrEqualTo(40 + 20);
            }
        }
    }

    @Test
    void aDescendingPageBesideAStatusFilterReadsTheSortIndexFromItsEnd() throws Exception {
        for (MemberSort sort : MemberSort.values()) {
            MemberPage active = page(MemberStatus.ACTIVE, sort, true, 0);
            assertThat(active.items()).hasSize(20);
            assertThat(active.items().get(0).member().profile().email())
                    .isEqualTo(sort == MemberSort.EMAIL ? "person9@example.com" : "person1999@example.com");

            String plan = plans.explainLast(MEMBER_PAGE);
            assertThat(plan).as(plan).contains("/* index sorted */").containsIgnoringCase("_" + sort.index + ":");
            assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThanOrEqualTo(20 + 1);
        }
    }

    @Test
    void aSearchReadsItsFewMatchesNotTheWholeSortIndex() throws Exception {
        for (MemberSort sort : MemberSort.values()) {
            assertOnlyPerson1234WasRead(
                    queries.findMembers(new FindMembersQuery(ORG, "person1234", null, null, null, sort, false, 0, 20)));
        }
    }

    @Test
    void aSearchAmongATeamsCandidatesReadsItsFewMatchesNotTheWholeSortIndex() throws Exception {
        assertOnlyPerson1234WasRead(queries.eligibleMembers(ORG, GUILD, "person1234", 0, 20));
    }

    /** The page holds the one match, and the page query read a handful of rows to find it. */
    private void assertOnlyPerson1234WasRead(MemberPage found) throws Exception {
        assertThat(found.items())
                .extracting(summary -> summary.member().profile().email())
                .containsExactly("person1234@example.com");
        String plan = plans.explainLast(MEMBER_PAGE);
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThanOrEqualTo(10);
    }

    @Test
    void aStatusFilterCountsFromAnIndexWithoutReadingMemberRows() throws Exception {
        MemberPage deactivated = page(MemberStatus.DEACTIVATED, MemberSort.EMAIL, true, 0);
        assertThat(deactivated.total()).isEqualTo(MEMBERS / 100);

        String plan = plans.explainLast(MEMBER_COUNT);
        assertThat(plan).as(plan).containsPattern("IX_DIR_MEMBER_[AB]_STATUS");
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThanOrEqualTo(MEMBERS / 100 + 1);
    }
}
