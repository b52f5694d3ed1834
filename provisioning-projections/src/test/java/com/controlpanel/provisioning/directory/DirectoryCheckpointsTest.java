package com.controlpanel.provisioning.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberEvent;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamEvent;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * States kept at intervals of an organization's history: a state as of any instant folded from the nearest kept state
 * is the state folded from the whole history, and a kept state that no longer matches the store is never used.
 */
class DirectoryCheckpointsTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final OrganizationId ORG =
            new OrganizationId(UUID.randomUUID().toString());
    private static final OrganizationId OTHER_ORG =
            new OrganizationId(UUID.randomUUID().toString());

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(EventJson.events())
            .revisionResolver(new AnnotationRevisionResolver())
            .build();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Instant> times = new ArrayList<>();
    private JdbcTemplate jdbc;
    private EventStoreReader reader;
    private long position;
    private Instant lastEvent;

    @BeforeEach
    void history() {
        jdbc = TestDatabase.jdbc();
        reader = new EventStoreReader(jdbc, serializer, new EventUpcasterChain());
        Random random = new Random(7);
        append(new OrganizationCreated(
                ORG, "Acme", new TenantId(UUID.randomUUID().toString())));
        append(new OrganizationCreated(
                OTHER_ORG, "Other", new TenantId(UUID.randomUUID().toString())));
        append(new ProvisioningEnabled(ORG, new TenantId(UUID.randomUUID().toString())));
        List<MemberId> members = new ArrayList<>();
        List<TeamId> teams = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            TeamId team = new TeamId(UUID.randomUUID().toString());
            teams.add(team);
            append(new TeamProvisioned(
                    ORG, team, t == 0 ? Source.MANUAL : Source.OKTA, new TeamName("Team " + t), "g" + t));
        }
        for (int i = 0; i < 40; i++) {
            MemberId member = new MemberId(UUID.randomUUID().toString());
            members.add(member);
            append(new MemberProvisioned(ORG, member, i % 5 == 0 ? Source.MANUAL : Source.OKTA, profile(i, 0), true));
            if (i % 3 == 0) {
                append(new MemberProvisioned(
                        OTHER_ORG, new MemberId(UUID.randomUUID().toString()), Source.OKTA, profile(100 + i, 0), true));
            }
            if (i % 7 == 3) {
                position++; // a position no transaction committed: a gap
            }
        }
        for (int step = 0; step < 120; step++) {
            MemberId member = members.get(random.nextInt(members.size()));
            TeamId team = teams.get(random.nextInt(teams.size()));
            switch (step % 6) {
                case 0 -> append(new MemberAddedToTeam(ORG, team, member));
                case 1 -> append(new MemberProfileChanged(ORG, member, profile(step, 0), profile(step, step)));
                case 2 -> append(new MemberDeactivated(ORG, member));
                case 3 -> append(new MemberReactivated(ORG, member));
                case 4 -> append(new MemberRemovedFromTeam(ORG, team, member));
                default -> append(new MemberAddedToTeam(ORG, team, members.get(step % members.size())));
            }
        }
        append(new TeamRenamed(ORG, teams.get(1), new TeamName("Team 1"), new TeamName("Platform")));
        append(new MemberDeprovisioned(ORG, members.get(4)));
        append(new TeamDeleted(ORG, teams.get(2)));
        for (int step = 0; step < 30; step++) {
            append(new MemberAddedToTeam(ORG, teams.get(step % 2 == 0 ? 0 : 3), members.get(step)));
        }
    }

    @Test
    void aRecentAnswerIsServedFromMemoryUntilTheCollectorDropsItThenComputedAgainEqual() {
        List<WeakReference<OrganizationState>> held = new ArrayList<>();
        DirectoryAsOf asOf = new DirectoryAsOf(reader, null, DirectoryAsOf.WritesInFlight.NONE, state -> {
            WeakReference<OrganizationState> reference = new WeakReference<>(state);
            held.add(reference);
            return reference;
        });
        Instant at = times.get(times.size() / 2);

        OrganizationState first = asOf.at(ORG, at);
        assertThat(asOf.at(ORG, at)).isSameAs(first);
        assertThat(held).hasSize(1);

        held.get(0).clear(); // what the collector does to a softly held answer when memory runs short
        OrganizationState again = asOf.at(ORG, at);
        assertThat(again).isNotSameAs(first);
        assertSameState(again, first);
        assertThat(held).hasSize(2);
        assertThat(asOf.at(ORG, at)).isSameAs(again);
    }

    @Test
    void theStateAsOfEveryInstantIsTheSameFromTheNearestKeptStateAsFromTheWholeHistory() {
        DirectoryCheckpoints checkpoints = checkpoints(17, Duration.ZERO, lastEvent.plusSeconds(60));

        int kept = checkpoints.keep();

        long orgEvents = reader.countOrganizationUpTo(ORG, position);
        assertThat(kept).isEqualTo((int) (orgEvents / 17 + reader.countOrganizationUpTo(OTHER_ORG, position) / 17));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE organization_id = ?", Long.class, ORG.value()))
                .isEqualTo(orgEvents / 17);
        DirectoryAsOf fromKept = new DirectoryAsOf(reader, checkpoints);
        DirectoryAsOf fromStart = new DirectoryAsOf(reader, null);
        int checked = 0;
        int foldedFromAKeptState = 0;
        for (int i = 0; i < times.size(); i += 2) {
            Instant time = times.get(i);
            for (Instant at : List.of(time.minusMillis(1), time, time.plusMillis(500))) {
                checked++;
                OrganizationState expected = fromStart.at(ORG, at);
                OrganizationState actual = fromKept.at(ORG, at);
                assertThat(expected.foldedFrom()).isZero();
                assertSameState(actual, expected);
                if (actual.foldedFrom() > 0) {
                    foldedFromAKeptState++;
                }
            }
        }
        assertThat(foldedFromAKeptState).isGreaterThan(checked * 3 / 4);
    }

    @Test
    void aRoundGivesWayToARebuildKeepingWhatItKeptBeforeAndTheNextRoundGoesOnFromThere() {
        DirectoryCheckpoints checkpoints = checkpoints(17, Duration.ZERO, lastEvent.plusSeconds(60));
        long orgEvents = reader.countOrganizationUpTo(ORG, position);
        long otherEvents = reader.countOrganizationUpTo(OTHER_ORG, position);

        assertThat(checkpoints.keep(() -> true)).isZero();
        assertThat(keptStates()).isZero();

        // a rebuild starts once the round has kept two states: it keeps no third, nor goes on to the other organization
        assertThat(checkpoints.keep(() -> keptStates() >= 2)).isEqualTo(2);
        assertThat(keptStates()).isEqualTo(2);

        assertThat(checkpoints.keep()).isEqualTo((int) (orgEvents / 17 + otherEvents / 17 - 2));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE organization_id = ?", Long.class, ORG.value()))
                .isEqualTo(orgEvents / 17);
        DirectoryAsOf fromKept = new DirectoryAsOf(reader, checkpoints);
        DirectoryAsOf fromStart = new DirectoryAsOf(reader, null);
        for (Instant at : List.of(times.get(60), times.get(150), times.get(times.size() - 1))) {
            OrganizationState actual = fromKept.at(ORG, at);
            assertThat(actual.foldedFrom()).isPositive();
            assertSameState(actual, fromStart.at(ORG, at));
        }
    }

    @Test
    void anOrganizationsRangeIsReadWholeAndInOrderAcrossThePagesItIsReadIn() {
        long firstAdded = position + 1;
        for (int i = 0; i < 2500; i++) {
            append(new MemberProfileChanged(
                    i % 4 == 0 ? OTHER_ORG : ORG,
                    new MemberId(UUID.randomUUID().toString()),
                    profile(i, 0),
                    profile(i, 1)));
            if (i % 400 == 7) {
                position++; // a gap
            }
        }
        List<Long> expected = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE organization_id = ? AND global_index > ?"
                        + " AND global_index <= ? ORDER BY global_index",
                Long.class,
                ORG.value(),
                firstAdded - 5,
                position - 3);
        assertThat(expected).hasSizeGreaterThan(1800);

        List<Long> read = new ArrayList<>();
        reader.organizationRange(ORG, firstAdded - 5, position - 3, event -> read.add(event.position()));

        assertThat(read).isEqualTo(expected);
    }

    @Test
    void theOrganizationsWithAnEventUpToAPositionAreFoundOnlyThose() {
        long before = position;
        OrganizationId later = new OrganizationId(UUID.randomUUID().toString());
        append(new OrganizationCreated(
                later, "Later", new TenantId(UUID.randomUUID().toString())));

        assertThat(reader.organizationsUpTo(before)).containsExactlyInAnyOrder(ORG, OTHER_ORG);
        assertThat(reader.organizationsUpTo(position)).containsExactlyInAnyOrder(ORG, OTHER_ORG, later);
        assertThat(reader.organizationsUpTo(0)).isEmpty();
    }

    private long keptStates() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM state_checkpoint", Long.class);
    }

    @Test
    void theStateRightAfterAnEventCountsTheEventsOfItsMillisecondOnlyUpToIt() {
        // a team emptied and deleted in one millisecond, as a SCIM DELETE of a group with members does
        TeamId team = new TeamId(UUID.randomUUID().toString());
        MemberId ann = new MemberId(UUID.randomUUID().toString());
        MemberId bob = new MemberId(UUID.randomUUID().toString());
        append(new TeamProvisioned(ORG, team, Source.OKTA, new TeamName("Same millisecond"), "gsm"));
        append(new MemberProvisioned(ORG, ann, Source.OKTA, profile(200, 0), true));
        append(new MemberProvisioned(ORG, bob, Source.OKTA, profile(201, 0), true));
        append(new MemberAddedToTeam(ORG, team, ann));
        append(new MemberAddedToTeam(ORG, team, bob));
        Instant instant = lastEvent.plusSeconds(10);
        long annRemoved = appendAt(new MemberRemovedFromTeam(ORG, team, ann), instant);
        long bobRemoved = appendAt(new MemberRemovedFromTeam(ORG, team, bob), instant);
        long deleted = appendAt(new TeamDeleted(ORG, team), instant);
        // kept states at every event: some end inside the millisecond, and must not be started from for it
        DirectoryCheckpoints checkpoints = checkpoints(1, Duration.ZERO, instant.plusSeconds(60));
        checkpoints.keep();
        DirectoryAsOf fromKept = new DirectoryAsOf(reader, checkpoints);
        DirectoryAsOf fromStart = new DirectoryAsOf(reader, null);

        assertThat(memberIds(fromStart.at(ORG, instant, annRemoved), team)).containsExactly(bob.value());
        assertThat(memberIds(fromStart.at(ORG, instant, bobRemoved), team)).isEmpty();
        assertThat(fromStart.team(ORG, team, instant, bobRemoved)).isPresent();
        assertThat(fromStart.team(ORG, team, instant, deleted)).isEmpty();
        // without a position, every event of the instant counts
        assertThat(fromStart.team(ORG, team, instant, null)).isEmpty();
        // an instant given within the millisecond is that millisecond: the position still decides
        assertThat(memberIds(fromStart.at(ORG, instant.plusNanos(500_000), annRemoved), team))
                .containsExactly(bob.value());
        assertThat(fromKept.at(ORG, instant.plusNanos(999_999), bobRemoved).teams())
                .isEqualTo(fromStart.at(ORG, instant, bobRemoved).teams());
        // a position before the instant's first event: none of it counts
        assertThat(memberIds(fromStart.at(ORG, instant, annRemoved - 1), team))
                .containsExactlyInAnyOrder(ann.value(), bob.value());
        assertThat(fromStart.at(ORG, instant, annRemoved).eventsApplied())
                .isEqualTo(fromStart.at(ORG, instant.minusMillis(1)).eventsApplied() + 1);
        for (long through : List.of(annRemoved - 1, annRemoved, bobRemoved, deleted)) {
            OrganizationState actual = fromKept.at(ORG, instant, through);
            assertThat(actual.foldedFrom()).isPositive().isLessThan(annRemoved);
            assertSameState(actual, fromStart.at(ORG, instant, through));
            // "right after" an event holds only of an event of the instant, from a kept state or not
            assertThat(actual.throughSeen()).as("through %d", through).isEqualTo(through != annRemoved - 1);
            assertThat(fromStart.at(ORG, instant, through).throughSeen()).isEqualTo(through != annRemoved - 1);
        }
        assertThat(fromStart.at(ORG, instant, null).throughSeen()).isTrue();
        assertThat(fromStart.at(ORG, instant, deleted + 1).throughSeen()).isFalse();
        assertThat(fromStart.rightAfter(ORG, instant, bobRemoved).teams())
                .isEqualTo(fromStart.at(ORG, instant, bobRemoved).teams());
        assertThatThrownBy(() -> fromKept.rightAfter(ORG, instant, annRemoved - 1))
                .isInstanceOf(DirectoryAsOf.ThroughNotAtInstantException.class)
                .hasMessageEndingWith("no such event is at position " + (annRemoved - 1));
        assertThatThrownBy(() -> fromStart.team(ORG, team, instant.minusMillis(1), annRemoved))
                .isInstanceOf(DirectoryAsOf.ThroughNotAtInstantException.class);
    }

    private static List<String> memberIds(OrganizationState state, TeamId team) {
        return state.teams().stream()
                .filter(then -> then.team().teamId().equals(team))
                .findFirst()
                .orElseThrow()
                .memberIds()
                .stream()
                .map(MemberId::value)
                .toList();
    }

    @Test
    void aKeptStateIsKeptOnlyOfEventsOlderThanTheSettleTime() {
        Instant now = times.get(times.size() / 2);
        DirectoryCheckpoints checkpoints = checkpoints(5, Duration.ofSeconds(30), now);

        checkpoints.keep();

        String settled = DateTimeUtils.formatInstant(now.minusSeconds(30));
        assertThat(jdbc.queryForList("SELECT covers_until FROM state_checkpoint", String.class))
                .isNotEmpty()
                .allSatisfy(coversUntil -> assertThat(coversUntil).isLessThanOrEqualTo(settled));
    }

    @Test
    void aKeptStateThatMissesAnEventCommittedAfterItWasKeptIsNeverUsed() {
        DirectoryCheckpoints checkpoints = checkpoints(10, Duration.ZERO, lastEvent.plusSeconds(60));
        checkpoints.keep();
        long gap = firstGap();
        long keptAfterGap = jdbc.queryForObject(
                "SELECT COUNT(*) FROM state_checkpoint WHERE organization_id = ? AND position > ?",
                Long.class,
                ORG.value(),
                gap);
        assertThat(keptAfterGap).isPositive();

        // a transaction that took the gap's position commits only now: a member deactivated back then
        MemberId someone = new DirectoryAsOf(reader, null)
                .at(ORG, lastEvent)
                .members()
                .get(0)
                .member()
                .memberId();
        insert(gap, new MemberDeactivated(ORG, someone), timeOfPosition(gap - 1));

        OrganizationState actual = new DirectoryAsOf(reader, checkpoints).at(ORG, lastEvent.plusSeconds(1));
        OrganizationState expected = new DirectoryAsOf(reader, null).at(ORG, lastEvent.plusSeconds(1));
        assertSameState(actual, expected);
        assertThat(actual.foldedFrom()).isLessThan(gap);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE organization_id = ? AND position > ?",
                        Long.class,
                        ORG.value(),
                        gap))
                .isZero();
    }

    @Test
    void keptStatesOfAnotherFormatAreIgnoredAndReplaced() {
        DirectoryCheckpoints checkpoints = checkpoints(10, Duration.ZERO, lastEvent.plusSeconds(60));
        checkpoints.keep();
        long kept = jdbc.queryForObject("SELECT COUNT(*) FROM state_checkpoint", Long.class);
        jdbc.update("UPDATE state_checkpoint SET format = ?", DirectoryCheckpoints.FORMAT - 1);

        OrganizationState ignoring = new DirectoryAsOf(reader, checkpoints).at(ORG, lastEvent);
        assertThat(ignoring.foldedFrom()).isZero();
        assertSameState(ignoring, new DirectoryAsOf(reader, null).at(ORG, lastEvent));

        DirectoryCheckpoints restarted = checkpoints(10, Duration.ZERO, lastEvent.plusSeconds(60));
        restarted.keep();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE format = ?",
                        Long.class,
                        DirectoryCheckpoints.FORMAT))
                .isEqualTo(kept);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE format <> ?",
                        Long.class,
                        DirectoryCheckpoints.FORMAT))
                .isZero();
        assertThat(new DirectoryAsOf(reader, restarted).at(ORG, lastEvent).foldedFrom())
                .isPositive();
    }

    @Test
    void anUnreadableKeptStateIsDiscardedAndTheStateFoldedWithoutIt() {
        DirectoryCheckpoints checkpoints = checkpoints(10, Duration.ZERO, lastEvent.plusSeconds(60));
        checkpoints.keep();
        long latest = jdbc.queryForObject(
                "SELECT MAX(position) FROM state_checkpoint WHERE organization_id = ?", Long.class, ORG.value());
        jdbc.update(
                "UPDATE state_checkpoint SET state = ? WHERE organization_id = ? AND position = ?",
                new byte[] {1, 2, 3},
                ORG.value(),
                latest);

        OrganizationState state = new DirectoryAsOf(reader, checkpoints).at(ORG, lastEvent);

        assertSameState(state, new DirectoryAsOf(reader, null).at(ORG, lastEvent));
        assertThat(state.foldedFrom()).isPositive().isLessThan(latest);
    }

    @Test
    void discardingEveryKeptStateLosesNothingAndTheNextRoundKeepsThemAgain() {
        DirectoryCheckpoints checkpoints = checkpoints(10, Duration.ZERO, lastEvent.plusSeconds(60));
        checkpoints.keep();
        List<Long> positions = jdbc.queryForList("SELECT position FROM state_checkpoint ORDER BY 1", Long.class);

        checkpoints.discardAll();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM state_checkpoint", Long.class))
                .isZero();
        assertSameState(
                new DirectoryAsOf(reader, checkpoints).at(ORG, lastEvent),
                new DirectoryAsOf(reader, null).at(ORG, lastEvent));

        checkpoints.keep();
        assertThat(jdbc.queryForList("SELECT position FROM state_checkpoint ORDER BY 1", Long.class))
                .isEqualTo(positions);
    }

    @Test
    void aStateShowsTheMembersNamesAndEmailsButKeepsNoOtherProfileAttributes() {
        MemberProfile full = new MemberProfile(
                new UserName("dana@example.com"),
                new PersonName("Dr. Dana Diaz", "Diaz", "Dana", "M", "Dr.", "PhD"),
                null,
                List.of(
                        new EmailAddress("dana.home@example.com", "home", false, null),
                        new EmailAddress("dana@example.com", "work", true, "Work")),
                "00u9",
                Map.of("title", "Engineer"));

        MemberProfile shown = InMemoryDirectoryStore.shown(full);

        assertThat(shown.userName()).isEqualTo(full.userName());
        assertThat(shown.label()).isEqualTo(full.label()).isEqualTo("Dana Diaz");
        assertThat(shown.email()).isEqualTo(full.email()).isEqualTo("dana@example.com");
        assertThat(shown.attributes()).isEmpty();
        assertThat(shown.externalId()).isNull();
    }

    @Test
    void oneMemberAsOfAnInstantHasItsWholeProfileOfThatInstant() {
        MemberId dana = new MemberId(UUID.randomUUID().toString());
        MemberProfile first = new MemberProfile(
                new UserName("dana@example.com"),
                new PersonName("Dr. Dana Diaz", "Diaz", "Dana", "M", "Dr.", "PhD"),
                "Dana",
                List.of(
                        new EmailAddress("dana.home@example.com", "home", false, null),
                        new EmailAddress("dana@example.com", "work", true, "Work")),
                "00u9",
                Map.of(
                        "title",
                        "Engineer",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        Map.of("department", "R&D")));
        MemberProfile second = new MemberProfile(
                new UserName("dana@example.com"),
                PersonName.of("Dana", "Diaz"),
                null,
                List.of(new EmailAddress("dana@example.com", "work", true, null)),
                "00u9",
                Map.of("title", "Director"));
        append(new MemberProvisioned(ORG, dana, Source.OKTA, first, true));
        append(new MemberDeactivated(ORG, dana));
        Instant deactivated = lastEvent;
        append(new MemberProfileChanged(ORG, dana, first, second));
        Instant changed = lastEvent;
        for (int i = 0; i < 12; i++) {
            append(new MemberProvisioned(
                    ORG, new MemberId(UUID.randomUUID().toString()), Source.OKTA, profile(200 + i, 0), true));
        }
        DirectoryCheckpoints checkpoints = checkpoints(4, Duration.ZERO, lastEvent.plusSeconds(60));
        checkpoints.keep();

        for (DirectoryAsOf asOf : List.of(new DirectoryAsOf(reader, null), new DirectoryAsOf(reader, checkpoints))) {
            MemberState then = asOf.member(ORG, dana, deactivated, null).orElseThrow();
            assertThat(then.member().profile()).isEqualTo(first);
            assertThat(then.member().status()).isEqualTo(MemberStatus.DEACTIVATED);
            assertThat(then.member().version()).isEqualTo(1);
            MemberState later = asOf.member(ORG, dana, changed, null).orElseThrow();
            assertThat(later.member().profile()).isEqualTo(second);
            assertThat(later.member().version()).isEqualTo(2);
            assertThat(asOf.member(ORG, dana, lastEvent, null)
                            .orElseThrow()
                            .member()
                            .profile())
                    .isEqualTo(second);
        }
        // the organization's state still shows of each member only what its lists show
        assertThat(new DirectoryAsOf(reader, checkpoints)
                        .at(ORG, changed).members().stream()
                                .filter(state -> state.member().memberId().equals(dana))
                                .findFirst()
                                .orElseThrow()
                                .member()
                                .profile()
                                .attributes())
                .isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private DirectoryCheckpoints checkpoints(int every, Duration settle, Instant now) {
        return new DirectoryCheckpoints(jdbc, reader, every, settle, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertSameState(OrganizationState actual, OrganizationState expected) {
        assertThat(actual.at()).isEqualTo(expected.at());
        assertThat(actual.eventsApplied()).isEqualTo(expected.eventsApplied());
        assertThat(actual.organization()).isEqualTo(expected.organization());
        assertThat(actual.members()).isEqualTo(expected.members());
        assertThat(actual.teams()).isEqualTo(expected.teams());
    }

    private static MemberProfile profile(int i, int version) {
        String email = "person" + i + (version == 0 ? "" : "." + version) + "@example.com";
        return new MemberProfile(
                new UserName(email),
                PersonName.of("Person", "Number " + i),
                i % 4 == 0 ? null : "Person " + i + " v" + version,
                List.of(new EmailAddress(email, "work", true, null)),
                "ext-" + i,
                Map.of("title", "Title " + version));
    }

    private void append(OrganizationEvent event) {
        position++;
        Instant at = START.plusSeconds(position);
        insert(position, event, at);
        times.add(at);
        lastEvent = at;
    }

    /** Appends an event that happened at this instant; returns its store position. */
    private long appendAt(OrganizationEvent event, Instant at) {
        position++;
        insert(position, event, at);
        times.add(at);
        lastEvent = at;
        return position;
    }

    private long firstGap() {
        return jdbc.queryForObject(
                "SELECT MIN(global_index) + 1 FROM domain_event_entry e WHERE NOT EXISTS"
                        + " (SELECT 1 FROM domain_event_entry n WHERE n.global_index = e.global_index + 1)",
                Long.class);
    }

    private Instant timeOfPosition(long at) {
        return DateTimeUtils.parseInstant(jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, at));
    }

    private void insert(long at, OrganizationEvent event, Instant time) {
        String aggregate = aggregateOf(event);
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        jdbc.update(
                "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,"
                        + " aggregate_type, time_stamp, payload_type, payload_revision, payload, meta_data,"
                        + " organization_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                at,
                UUID.randomUUID().toString(),
                aggregate,
                sequence,
                "Aggregate",
                DateTimeUtils.formatInstant(time),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                metaData.getData(),
                event.organizationId().value());
    }

    /** Each member, team and organization is an aggregate of its own, as in the domain. */
    private static String aggregateOf(OrganizationEvent event) {
        if (event instanceof MemberEvent e) {
            return e.memberId().value();
        } else if (event instanceof TeamEvent e) {
            return e.teamId().value();
        }
        return event.organizationId().value();
    }
}
