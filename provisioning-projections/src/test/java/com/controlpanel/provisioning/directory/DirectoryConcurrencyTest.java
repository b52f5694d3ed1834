package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live projection applies events of different aggregates in concurrent transactions (one per command). A team's
 * member count and digest change with its members' deletions too: members of one team deleted (and renamed) at the
 * same time must leave the team's count and digest as a rebuild computes them, none lost.
 */
class DirectoryConcurrencyTest {

    private static final int MEMBERS = 240;

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final DirectoryProjection projection = new DirectoryProjection(new DirectorySlots(jdbc));
    private final TransactionTemplate transaction =
            new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    private final AtomicLong clock = new AtomicLong();

    private void on(OrganizationEvent event, long sequence) {
        transaction.executeWithoutResult(status -> apply(event, sequence));
    }

    private static MemberProfile profile(int i, String displayName) {
        return new MemberProfile(
                new com.controlpanel.provisioning.domain.api.UserName("m" + i + "@example.com"),
                PersonName.of("Member", "Number " + i),
                displayName,
                List.of(),
                null,
                java.util.Map.of());
    }

    @Test
    void membersOfOneTeamRenamedAndDeletedConcurrentlyLeaveItsCountAndDigestExact() throws Exception {
        on(new OrganizationCreated(ORG, "Acme", TENANT), 0);
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null), 0);
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            MemberId member = MemberId.random();
            members.add(member);
            on(new MemberProvisioned(ORG, member, Source.OKTA, profile(i, null), true), 0);
            on(new MemberAddedToTeam(ORG, ENGINEERING, member), i + 1);
        }

        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            int n = i;
            MemberId member = members.get(i);
            done.add(threads.submit(() -> {
                if (n % 2 == 0) {
                    on(new MemberDeprovisioned(ORG, member), 1);
                } else {
                    on(new MemberProfileChanged(ORG, member, profile(n, null), profile(n, "Renamed " + n)), 1);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();

        TeamRow team = jdbc.queryForObject(
                "SELECT " + JdbcDirectoryStore.TEAM_COLUMNS + " FROM dir_team_a", JdbcDirectoryStore::team);
        int memberships = jdbc.queryForObject("SELECT COUNT(*) FROM dir_membership_a", Integer.class);
        assertThat(memberships).isEqualTo(MEMBERS / 2);
        assertThat(team.memberCount()).isEqualTo(memberships);
        try (var connection = dataSource.getConnection()) {
            ShownDigests.recompute(connection, "a");
        }
        long exact = jdbc.queryForObject("SELECT members_digest FROM dir_team_a", Long.class);
        assertThat(team.membersDigest()).isEqualTo(exact);
    }

    @Test
    void aMemberDeletedWhileBeingAddedToATeamIsInNoTeamOnceTheDeletionCommitsLast() throws Exception {
        MemberId member = organizationWithTeamAndMember();
        applyWhileOpen(new MemberDeprovisioned(ORG, member), new MemberAddedToTeam(ORG, ENGINEERING, member));
        assertTeamHasNoMembers();
    }

    @Test
    void aMemberDeletedWhileBeingAddedToATeamIsInNoTeamOnceTheAdditionCommitsLast() throws Exception {
        MemberId member = organizationWithTeamAndMember();
        applyWhileOpen(new MemberAddedToTeam(ORG, ENGINEERING, member), new MemberDeprovisioned(ORG, member));
        assertTeamHasNoMembers();
    }

    @Test
    void aMembershipLeftWhenItsSettlementNeverRanIsDroppedBySweepingAndCountedOffItsTeam() throws Exception {
        MemberId gone = organizationWithTeamAndMember();
        MemberId staying = MemberId.random();
        on(new MemberProvisioned(ORG, staying, Source.OKTA, profile(2, null), true), 0);
        on(new MemberAddedToTeam(ORG, ENGINEERING, staying), 1);
        on(new MemberAddedToTeam(ORG, ENGINEERING, gone), 2);
        // what a deletion leaves when the node stops between its commit and the settlement: the member's row is gone,
        // a membership added meanwhile by another transaction is not
        jdbc.update("DELETE FROM dir_member_a WHERE member_id = ?", gone.value());
        DirectorySlots slots = new DirectorySlots(jdbc);
        var transactions = new DataSourceTransactionManager(dataSource);

        assertThat(new LeftoverMemberships(slots, transactions, () -> true).sweep())
                .as("a sweep stands aside while a rebuild runs")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_membership_a", Integer.class))
                .isEqualTo(2);

        assertThat(new LeftoverMemberships(slots, transactions, () -> false).sweep())
                .isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT member_id FROM dir_membership_a", String.class))
                .containsExactly(staying.value());
        TeamRow team = jdbc.queryForObject(
                "SELECT " + JdbcDirectoryStore.TEAM_COLUMNS + " FROM dir_team_a", JdbcDirectoryStore::team);
        assertThat(team.memberCount()).isEqualTo(1);
        assertThat(team.membersDigest()).isEqualTo(ShownDigests.member(staying));
        assertThat(new LeftoverMemberships(slots, transactions, () -> false).sweep())
                .as("nothing left for a second sweep")
                .isZero();
    }

    /**
     * Applies {@code held} in a transaction that stays open while {@code meanwhile} is applied and committed in
     * another, then commits it: neither transaction sees the other's rows until it is too late.
     */
    private void applyWhileOpen(OrganizationEvent held, OrganizationEvent meanwhile) throws Exception {
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> open = Executors.newSingleThreadExecutor()
                .submit(() -> transaction.executeWithoutResult(s -> {
                    apply(held, 1);
                    applied.countDown();
                    await(commit);
                }));
        await(applied);
        on(meanwhile, 1);
        commit.countDown();
        open.get(30, TimeUnit.SECONDS);
    }

    private MemberId organizationWithTeamAndMember() {
        on(new OrganizationCreated(ORG, "Acme", TENANT), 0);
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null), 0);
        MemberId member = MemberId.random();
        on(new MemberProvisioned(ORG, member, Source.OKTA, profile(1, null), true), 0);
        return member;
    }

    private void assertTeamHasNoMembers() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_membership_a", Integer.class))
                .isZero();
        TeamRow team = jdbc.queryForObject(
                "SELECT " + JdbcDirectoryStore.TEAM_COLUMNS + " FROM dir_team_a", JdbcDirectoryStore::team);
        assertThat(team.memberCount()).isZero();
        assertThat(team.membersDigest()).isZero();
        assertThat(team.version()).as("the addition still touched the team").isEqualTo(1);
    }

    private void apply(OrganizationEvent event, long sequence) {
        projection.on(event, Instant.parse("2026-11-01T10:00:00Z").plusMillis(clock.incrementAndGet()), sequence);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
