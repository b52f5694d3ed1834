package com.controlpanel.provisioning.audit;

import static com.controlpanel.provisioning.testing.Fixtures.provisionMember;
import static com.controlpanel.provisioning.testing.Fixtures.provisionTeam;
import static com.controlpanel.provisioning.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.RenameOrganizationCommand;
import com.controlpanel.provisioning.domain.api.ReplaceProvisionedMemberCommand;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RebuildJournal;
import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.rebuild.RowSink;
import com.controlpanel.provisioning.rebuild.TablePair;
import com.controlpanel.provisioning.rebuild.WriteGate;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Rebuilding every read model from the event store, over HTTP, while the service keeps serving. Its organizations of
 * over 10,000 events keep a directory state every 2,000 events, not every four as the other tests' do: a state holds
 * the whole directory, and one every four events would be thousands of them, gigabytes on the test machine's disk.
 */
@ApplicationTest
@TestPropertySource(properties = "provisioning.state-checkpoint-every=2000")
class RebuildTest {

    @LocalServerPort
    int port;

    @Autowired
    Commands commands;

    @Autowired
    RebuildService rebuilds;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStoreReader reader;

    @Autowired
    WriteGate gate;

    @Autowired
    DataSource dataSource;

    @Autowired
    List<ReadModelRebuild> readModels;

    private Http api;
    private String org;
    private OrganizationId orgId;

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        org = Fixtures.createOrganization(api, "Rebuild");
        orgId = new OrganizationId(org);
        api.post("/api/orgs/" + org + "/provisioning/enable", null);
    }

    private String path(String rest) {
        return "/api/orgs/" + org + rest;
    }

    /** The organization of each test class's mixed history: made once, by the first test that needs it. */
    private static final Map<Class<?>, String> MIXED_HISTORIES = new ConcurrentHashMap<>();

    /**
     * The organization holding a mixed history of over 10,000 events (see {@link #produceMixedEvents}), made by the
     * first test of this class that asks: both rebuilds of over 10,000 events read it, and making it takes most of
     * their time.
     */
    private String mixedHistory() {
        return MIXED_HISTORIES.computeIfAbsent(getClass(), testClass -> {
            produceMixedEvents();
            return org;
        });
    }

    /**
     * Over 10,000 events from about 2,000 commands: members pushed by Okta, teams whose memberships churn in bulk,
     * renames, profile changes, deactivations and deletions.
     */
    private void produceMixedEvents() {
        List<MemberId> members = java.util.stream.IntStream.range(0, 1_500)
                .parallel()
                .mapToObj(i -> provisionMember(commands, orgId, "m" + i + "-" + org + "@example.com"))
                .toList();
        for (int t = 0; t < 20; t++) {
            TeamId team = provisionTeam(commands, orgId, "Team " + t + " " + org);
            List<MemberId> joining = members.subList(t * 60, t * 60 + 300);
            commands.send(
                    Fixtures.OKTA,
                    new UpdateProvisionedTeamCommand(
                            team,
                            orgId,
                            List.of(
                                    new TeamChange.AddMembers(joining),
                                    new TeamChange.Rename(new TeamName("Renamed team " + t + " " + org))),
                            null));
            commands.send(
                    Fixtures.OKTA,
                    new UpdateProvisionedTeamCommand(
                            team, orgId, List.of(new TeamChange.RemoveMembers(joining.subList(0, 150))), null));
            commands.send(
                    Fixtures.OKTA,
                    new UpdateProvisionedTeamCommand(
                            team, orgId, List.of(new TeamChange.AddMembers(joining.subList(0, 100))), null));
        }
        java.util.stream.IntStream.range(0, 400).parallel().forEach(i -> {
            MemberId member = members.get(i);
            String email = "renamed" + i + "-" + org + "@example.com";
            commands.send(
                    Fixtures.OKTA,
                    new ReplaceProvisionedMemberCommand(
                            member,
                            orgId,
                            new MemberProfile(
                                    new UserName(email),
                                    PersonName.of("Renamed", "Person " + i),
                                    null,
                                    List.of(EmailAddress.work(email)),
                                    null,
                                    Map.of("title", "Title " + i)),
                            i % 3 != 0,
                            null));
        });
        for (int i = 1_450; i < 1_500; i++) {
            commands.send(Fixtures.OKTA, new DeprovisionMemberCommand(members.get(i), orgId, null));
        }
        commands.send(CommandContext.system(), new RenameOrganizationCommand(orgId, "Renamed " + org));
    }

    @Test
    void rebuildsOverTenThousandEventsIntoFreshTablesVerifiedEqualWhileRequestsKeepBeingServed() throws Exception {
        String history = "/api/orgs/" + mixedHistory();
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        assertThat(events).isGreaterThan(10_000);
        String someone = api.get(history + "/members?limit=1&q=m1234")
                .json()
                .get("items")
                .get(0)
                .toString();
        String someoneId = api.get(history + "/members?limit=1&q=m1234")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asText();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> invitedDuring = new CopyOnWriteArrayList<>();
        Thread traffic = new Thread(() -> {
            while (rebuilding.get()) {
                String email = uniqueEmail("during");
                var invited = api.post(path("/members"), Map.of("email", email));
                if (invited.status() != 201) {
                    failures.add("invite " + invited);
                } else {
                    invitedDuring.add(invited.json().get("id").asText());
                }
                var read = api.get(path("/members?limit=5"));
                if (read.status() != 200) {
                    failures.add("list " + read);
                }
            }
        });
        traffic.start();

        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        var started = api.post("/api/admin/rebuild?fresh=true", null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).startsWith("/api/admin/rebuild/");
        String id = started.json().get("id").asText();
        assertThat(api.post("/api/admin/rebuild", null).status()).isIn(202, 409);

        JsonNode progress = started.json();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!progress.get("status").asText().equals("COMPLETED")
                && Instant.now().isBefore(deadline)) {
            assertThat(progress.get("status").asText()).isNotEqualTo("FAILED");
            Thread.sleep(200);
            progress = api.get("/api/admin/rebuild/" + id).json();
            assertThat(progress.get("eventsDone").asLong())
                    .isLessThanOrEqualTo(progress.get("eventsTotal").asLong());
        }
        rebuilding.set(false);
        traffic.join();

        assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        assertThat(progress.get("eventsDone").asLong()).isGreaterThanOrEqualTo(events);
        assertThat(progress.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(progress.get("verified").asBoolean()).as(progress.toString()).isTrue();
        // where the time went, phase by phase, within the rebuild's own span
        List<String> phases = new ArrayList<>();
        long phaseMillis = 0;
        for (JsonNode phase : progress.get("phases")) {
            phases.add(phase.get("name").asText());
            assertThat(phase.get("millis").asLong()).isNotNegative();
            phaseMillis += phase.get("millis").asLong();
        }
        // on a database several nodes share, the writes also stay held after the switch until every node has read it
        assertThat(phases.stream().filter(phase -> !phase.equals(RebuildProgress.SETTLE)))
                .containsExactly("replay", "write", "catch-up", "last-catch-up", "snapshot-and-switch", "verify");
        assertThat(progress.get("fresh").asBoolean()).isTrue();
        assertThat(progress.get("replaced"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("directory", "activity");
        assertThat(jdbc.queryForObject(
                        "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                .as("switched to the fresh tables")
                .isNotEqualTo(liveBefore);
        JsonNode replay = progress.get("phases").get(0);
        assertThat(replay.get("events").asLong())
                .as("the stored events, read and folded before anything is written")
                .isGreaterThanOrEqualTo(events);
        assertThat(progress.get("phases").get(1).get("events").asLong()).isZero();
        assertThat(phaseMillis)
                .isLessThanOrEqualTo(Duration.between(
                                Instant.parse(progress.get("startedAt").asText()),
                                Instant.parse(progress.get("finishedAt").asText()))
                        .toMillis());
        List<String> tables = new ArrayList<>();
        for (JsonNode table : progress.get("verification")) {
            assertThat(table.get("equal").asBoolean()).as(table.toString()).isTrue();
            assertThat(table.get("liveChecksum").asText())
                    .isEqualTo(table.get("rebuiltChecksum").asText());
            tables.add(table.get("table").asText());
        }
        assertThat(tables)
                .contains(
                        "dir_member",
                        "dir_team",
                        "dir_membership",
                        "dir_member_attr",
                        "activity",
                        "activity_subject",
                        "activity_former_name");
        System.out.println("Rebuild of " + progress.get("eventsDone") + " events: " + progress.get("eventsPerSecond")
                + " events/s");

        assertThat(failures).isEmpty();
        assertThat(invitedDuring).isNotEmpty();
        for (String member : invitedDuring) {
            assertThat(api.get(path("/members/" + member)).status()).isEqualTo(200);
        }
        assertThat(api.get(history + "/members/" + someoneId).json().toString()).isEqualTo(someone);
    }

    @Test
    void verifiesOverTenThousandEventsInPlaceWhileWritesGoOnAndReplacesNothing() throws Exception {
        mixedHistory();
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        insertKeptState(UUID.randomUUID().toString());
        long keptStates = jdbc.queryForObject("SELECT COUNT(*) FROM state_checkpoint", Long.class);
        AtomicBoolean checking = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> invitedDuring = new CopyOnWriteArrayList<>();
        Thread traffic = new Thread(() -> {
            while (checking.get()) {
                var invited = api.post(path("/members"), Map.of("email", uniqueEmail("during-check")));
                if (invited.status() != 201) {
                    failures.add("invite " + invited);
                } else {
                    invitedDuring.add(invited.json().get("id").asText());
                }
            }
        });
        traffic.start();

        var started = api.post("/api/admin/rebuild", null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("fresh").asBoolean()).isFalse();
        String id = started.json().get("id").asText();
        JsonNode progress = started.json();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (progress.get("status").asText().equals("RUNNING")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            progress = api.get("/api/admin/rebuild/" + id).json();
        }
        checking.set(false);
        traffic.join();

        assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        assertThat(progress.get("verified").asBoolean()).as(progress.toString()).isTrue();
        assertThat(progress.get("replaced")).as("no read model differed").isEmpty();
        assertThat(progress.get("eventsDone").asLong()).isGreaterThanOrEqualTo(events);
        assertThat(progress.get("eventsTotal").asLong())
                .isEqualTo(progress.get("eventsDone").asLong());
        List<String> phases = new ArrayList<>();
        progress.get("phases").forEach(phase -> phases.add(phase.get("name").asText()));
        assertThat(phases)
                .containsExactly("check-catch-up", "check-snapshot", "check-replay", "check-rows", "check-compare");
        List<String> tables = new ArrayList<>();
        for (JsonNode table : progress.get("verification")) {
            assertThat(table.get("equal").asBoolean()).as(table.toString()).isTrue();
            assertThat(table.get("liveChecksum").asText())
                    .isEqualTo(table.get("rebuiltChecksum").asText());
            assertThat(table.get("liveRows").asLong())
                    .isEqualTo(table.get("rebuiltRows").asLong());
            tables.add(table.get("table").asText());
        }
        assertThat(tables).containsExactlyInAnyOrderElementsOf(RebuildIndexesTest.SLOT_TABLES);
        JsonNode members = progress.get("verification").get(tables.indexOf("dir_member"));
        assertThat(members.get("liveRows").asLong())
                .as("the members the organizations had at the snapshot")
                .isGreaterThan(1_000);
        System.out.println("Rebuild verified in place, " + progress.get("eventsDone") + " events: "
                + progress.get("eventsPerSecond") + " events/s");

        assertThat(failures).isEmpty();
        assertThat(invitedDuring).isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                .as("nothing switched")
                .isEqualTo(liveBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM state_checkpoint", Long.class))
                .as("the kept states stay: the fold gives the same read models")
                .isGreaterThanOrEqualTo(keptStates);
        // what was written meanwhile, after the snapshot's head, is in the live read models, as the next check finds
        for (String member : invitedDuring) {
            assertThat(api.get(path("/members/" + member)).status()).isEqualTo(200);
        }
        RebuildProgress again = rebuilds.runNow();
        assertThat(again.verified()).isTrue();
        assertThat(again.replaced()).isEmpty();
    }

    /**
     * Writes that never pause (an Okta push that goes on, on this node or on others sharing the database): the
     * rebuild catches up in rounds, each to the store's head as it began, and holds the writes for what is left once
     * the rounds stop gaining on them, instead of reading on until a page comes back empty, which under writes faster
     * than it applies them never happened before they stopped. Here the rebuilt tables take long enough to write that
     * more events come meanwhile than the hold is for, and every event the catch-up applies before the hold waits
     * until a further write has landed: the writes always stay ahead of it.
     */
    @Test
    void aRebuildUnderWritesThatNeverPauseHoldsThemForWhatIsLeftAndSwitchesWhileTheyGoOn() throws Exception {
        List<OrganizationId> writingTo = new ArrayList<>(List.of(orgId));
        for (String name : List.of("Writes B", "Writes C")) {
            String other = Fixtures.createOrganization(api, name);
            api.post("/api/orgs/" + other + "/provisioning/enable", null);
            writingTo.add(new OrganizationId(other));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Map<OrganizationId, AtomicInteger> writtenTo = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (OrganizationId organization : writingTo) {
            AtomicInteger count = writtenTo.computeIfAbsent(organization, each -> new AtomicInteger());
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    try {
                        provisionMember(commands, organization, uniqueEmail("unpaused"));
                        count.incrementAndGet();
                        written.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }

        AtomicReference<RebuildService> service = new AtomicReference<>();
        AtomicReference<String> id = new AtomicReference<>();
        AtomicReference<RebuildProgress> atFirstCatchUp = new AtomicReference<>();
        List<ReadModelRebuild> outpaced = readModels.stream()
                .map(readModel -> changed(readModel, session -> new DelegatingSession(session) {
                    @Override
                    public void flush() {
                        // the rebuilt tables take a while to write: more events come meanwhile than the hold is for
                        long before = written.get();
                        while (written.get() < before + 40 && writing.get()) {
                            LockSupport.parkNanos(1_000_000);
                        }
                        super.flush();
                    }

                    @Override
                    public void catchUp(StoredEvent event) {
                        if (atFirstCatchUp.get() == null) {
                            atFirstCatchUp.compareAndSet(
                                    null, service.get().progress(id.get()).orElseThrow());
                        }
                        if (!gate.isClosed()) {
                            long before = written.get();
                            while (written.get() == before && writing.get()) {
                                LockSupport.parkNanos(100_000);
                            }
                        }
                        super.catchUp(event);
                    }
                }))
                .toList();
        RebuildService rebuild = new RebuildService(
                reader, gate, dataSource, outpaced, () -> {}, new RebuildJournal(jdbc, Clock.systemUTC()));
        service.set(rebuild);
        RebuildProgress progress;
        long writtenAtTheEnd;
        try {
            id.set(rebuild.start(true).id());
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            progress = rebuild.progress(id.get()).orElseThrow();
            while (progress.status() == RebuildProgress.Status.RUNNING
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                progress = rebuild.progress(id.get()).orElseThrow();
            }
            writtenAtTheEnd = written.get();
            Instant aWhile = Instant.now().plusSeconds(10);
            while (written.get() == writtenAtTheEnd && Instant.now().isBefore(aWhile)) {
                Thread.sleep(10);
            }
            assertThat(written.get())
                    .as("the writes went on through the rebuild")
                    .isGreaterThan(writtenAtTheEnd);
        } finally {
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            while (rebuild.progress(id.get()).orElseThrow().status() == RebuildProgress.Status.RUNNING) {
                Thread.sleep(100);
            }
            rebuild.destroy();
        }

        assertThat(progress.status()).as(progress.toString()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(progress.verified()).as(progress.toString()).isTrue();
        assertThat(failures).isEmpty();
        RebuildProgress catchingUp = atFirstCatchUp.get();
        assertThat(catchingUp.phase()).isEqualTo("Catching up");
        assertThat(catchingUp.eventsTotal())
                .as("the events stored meanwhile, still to apply, are counted in the total")
                .isGreaterThan(catchingUp.eventsDone());
        for (OrganizationId organization : writingTo) {
            assertThat(api.get("/api/orgs/" + organization.value() + "/members?limit=1")
                            .json()
                            .get("total")
                            .asLong())
                    .as("every member written, in the directory")
                    .isEqualTo(writtenTo.get(organization).get());
        }
        assertThat(rebuilds.runNow().verified()).isTrue();
    }

    @Test
    void oneOrganizationsWritesSentSideBySideAreStoredInTheOrderTheyHappenedSoARebuildVerifiesEqual() throws Exception {
        // Okta renames members while it pushes their group: a team's Activity row names the member as it was named
        // when the team recorded it. Committed in another order than stored, the live timeline named it by the name
        // it had last been given in commit order, a rebuild (store order) by another: the verification then differed.
        List<MemberId> members = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> provisionMember(commands, orgId, "race" + i + "-" + org + "@example.com"))
                .toList();
        TeamId team = provisionTeam(commands, orgId, "Race team " + org);
        int rounds = 60;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread renames = new Thread(() -> {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < members.size(); i++) {
                    String email = "race" + i + "-" + org + "@example.com";
                    try {
                        commands.send(
                                Fixtures.OKTA,
                                new ReplaceProvisionedMemberCommand(
                                        members.get(i),
                                        orgId,
                                        new MemberProfile(
                                                new UserName(email),
                                                PersonName.of("Race", round + "-" + i),
                                                null,
                                                List.of(EmailAddress.work(email)),
                                                null,
                                                Map.of()),
                                        true,
                                        null));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }
        });
        Thread memberships = new Thread(() -> {
            boolean in = false;
            for (int round = 0; round < rounds; round++, in = !in) {
                for (MemberId member : members) {
                    TeamChange change = in
                            ? new TeamChange.RemoveMembers(List.of(member))
                            : new TeamChange.AddMembers(List.of(member));
                    try {
                        commands.send(
                                Fixtures.OKTA, new UpdateProvisionedTeamCommand(team, orgId, List.of(change), null));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }
        });
        renames.start();
        memberships.start();
        renames.join();
        memberships.join();
        assertThat(failures).isEmpty();
        long teamRows = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, team.value());
        assertThat(teamRows).as("the team's events").isEqualTo(1 + rounds * members.size());

        RebuildProgress result = rebuilds.runNow();

        assertThat(result.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(result.verification())
                .allSatisfy(
                        table -> assertThat(table.equal()).as(table.toString()).isTrue());
        assertThat(result.verified()).isTrue();
    }

    @Test
    void aDamagedReadModelIsReportedAndRepaired() {
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("intact")))
                .json()
                .get("id")
                .asText();
        String email = api.get(path("/members/" + member)).json().get("email").asText();
        String slot = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        jdbc.update(
                "UPDATE dir_member_" + slot + " SET profile = REPLACE(profile, ?, 'tampered@example.com') "
                        + "WHERE member_id = ?",
                email,
                member);
        assertThat(api.get(path("/members/" + member)).json().get("email").asText())
                .isEqualTo("tampered@example.com");

        RebuildProgress result = rebuilds.runNow();

        assertThat(result.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(result.verified()).isFalse();
        assertThat(result.replaced()).as("only the read model that differed").containsExactly("directory");
        assertThat(result.phases())
                .extracting(RebuildProgress.PhaseTime::name)
                .startsWith(
                        "check-catch-up",
                        "check-snapshot",
                        "check-replay",
                        "check-rows",
                        "check-compare",
                        "replay",
                        "write");
        // the events were replayed twice, the comparison's pass and the fresh tables' one: both counted
        long compared = phase(result, "check-replay").events();
        long replayed = phase(result, "replay").events();
        assertThat(compared).isPositive();
        assertThat(replayed).isGreaterThanOrEqualTo(compared);
        assertThat(result.eventsDone()).isEqualTo(compared + replayed).isEqualTo(result.eventsTotal());
        assertThat(result.verification())
                .filteredOn(table -> table.readModel().equals("activity"))
                .hasSize(3)
                .allSatisfy(table -> assertThat(table.equal()).isTrue());
        assertThat(jdbc.queryForObject(
                        "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                .as("the directory switched to its fresh tables")
                .isNotEqualTo(slot);
        var memberTable = result.verification().stream()
                .filter(table -> table.table().equals("dir_member"))
                .findFirst()
                .orElseThrow();
        assertThat(memberTable.equal()).isFalse();
        assertThat(memberTable.differences())
                .anySatisfy(difference -> assertThat(difference)
                        .contains("member_id=" + member)
                        .contains("profile is")
                        .contains("tampered@example.com"));
        assertThat(api.get(path("/members/" + member)).json().get("email").asText())
                .isEqualTo(email);
    }

    private static RebuildProgress.PhaseTime phase(RebuildProgress progress, String name) {
        return progress.phases().stream()
                .filter(phase -> phase.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRebuildThatReplacesTheReadModelsDropsTheDirectoryStatesKeptFromTheFormerFold() {
        // a kept state of an organization without events: no later round of keeping states writes or drops it
        String former = UUID.randomUUID().toString();
        insertKeptState(former);

        RebuildProgress result = rebuilds.runNow(true);

        assertThat(result.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM state_checkpoint WHERE organization_id = ?", Long.class, former))
                .isZero();
    }

    @Test
    void aRebuildThatCanNotDropTheKeptStatesStillSwitchesAndCompletes() throws Exception {
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("kept")))
                .json()
                .get("id")
                .asText();
        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        RebuildService failingToDrop = new RebuildService(
                reader,
                gate,
                dataSource,
                readModels,
                () -> {
                    throw new IllegalStateException("the kept states could not be dropped");
                },
                new RebuildJournal(jdbc, Clock.systemUTC()));
        try {
            RebuildProgress result = failingToDrop.runNow(true);

            assertThat(result.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
            assertThat(result.verified()).isTrue();
            assertThat(jdbc.queryForObject(
                            "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                    .isNotEqualTo(liveBefore);
            assertThat(api.get(path("/members/" + member)).status()).isEqualTo(200);
        } finally {
            failingToDrop.destroy();
        }
    }

    @Test
    void aRebuildReplayingWhenTheServiceStopsEndsAtTheNextEventWithoutAnInterruptAndSwitchesNothing() throws Exception {
        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        CountDownLatch folding = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        List<ReadModelRebuild> slowToFold = readModels.stream()
                .map(readModel -> changed(readModel, session -> new DelegatingSession(session) {
                    @Override
                    public void fold(StoredEvent event) {
                        if (folding.getCount() > 0) {
                            folding.countDown();
                            try {
                                Thread.sleep(500); // reading the store, say, when the service stops
                            } catch (InterruptedException e) {
                                interrupted.set(true);
                            }
                        }
                        super.fold(event);
                    }
                }))
                .toList();
        RebuildService stopped = new RebuildService(
                reader, gate, dataSource, slowToFold, () -> {}, new RebuildJournal(jdbc, Clock.systemUTC()));
        String id = stopped.start(true).id();
        assertThat(folding.await(30, TimeUnit.SECONDS)).isTrue();

        stopped.destroy();

        RebuildProgress result = stopped.progress(id).orElseThrow();
        assertThat(result.status()).isEqualTo(RebuildProgress.Status.FAILED);
        assertThat(result.error()).isEqualTo(RebuildService.STOPPED);
        assertThat(interrupted).as("the rebuild's thread was interrupted").isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                .isEqualTo(liveBefore);
        assertThat(rebuilds.runNow().verified()).isTrue();
    }

    @Test
    void aRebuildThatFailsAtItsSwitchGivesBackEveryConnectionItTook() {
        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        CountedConnections counted = new CountedConnections(dataSource);
        List<ReadModelRebuild> failingToSwitch =
                readModels.stream().map(RebuildTest::failingToSwitch).toList();
        RebuildService failing = new RebuildService(
                reader, gate, counted, failingToSwitch, () -> {}, new RebuildJournal(jdbc, Clock.systemUTC()));
        try {
            RebuildProgress result = failing.runNow(true);

            assertThat(result.status()).isEqualTo(RebuildProgress.Status.FAILED);
            assertThat(result.error()).contains("the switch failed");
            assertThat(result.replaced()).as("nothing was replaced").isNull();
            assertThat(counted.taken.get())
                    .as("connections taken for the verification")
                    .isPositive();
            assertThat(counted.givenBack.get()).as("connections given back").isEqualTo(counted.taken.get());
            assertThat(jdbc.queryForObject(
                            "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                    .isEqualTo(liveBefore);
        } finally {
            failing.destroy();
        }
        assertThat(rebuilds.runNow().verified()).isTrue();
    }

    private static ReadModelRebuild failingToSwitch(ReadModelRebuild readModel) {
        return changed(readModel, session -> new DelegatingSession(session) {
            @Override
            public void switchLive() {
                throw new IllegalStateException("the switch failed");
            }
        });
    }

    @Test
    void aRebuildThatFailsAfterItsSwitchSaysThatTheRebuiltReadModelsAreLive() {
        String liveBefore = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        // the database goes away once the switch is done: the verification can not read the frozen read models
        AtomicBoolean switched = new AtomicBoolean();
        List<ReadModelRebuild> switching = readModels.stream()
                .map(readModel -> changed(readModel, session -> new DelegatingSession(session) {
                    @Override
                    public void switchLive() {
                        super.switchLive();
                        switched.set(true);
                    }
                }))
                .toList();
        DataSource goneAfterTheSwitch = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (switched.get() && method.getName().endsWith("Statement")) {
                                throw new SQLException("the database went away");
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        RebuildService failing = new RebuildService(
                reader, gate, goneAfterTheSwitch, switching, () -> {}, new RebuildJournal(jdbc, Clock.systemUTC()));
        try {
            RebuildProgress result = failing.runNow(true);

            assertThat(result.status()).isEqualTo(RebuildProgress.Status.FAILED);
            assertThat(result.error())
                    .startsWith("The rebuilt read models are live (the switch was done); what failed after it: ");
            assertThat(jdbc.queryForObject(
                            "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class))
                    .isNotEqualTo(liveBefore);
        } finally {
            failing.destroy();
        }
        assertThat(rebuilds.runNow().verified()).isTrue();
    }

    /** A read model whose rebuild sessions are changed as given. */
    private static ReadModelRebuild changed(
            ReadModelRebuild readModel, java.util.function.UnaryOperator<ReadModelRebuild.Session> change) {
        return new ReadModelRebuild() {
            @Override
            public String name() {
                return readModel.name();
            }

            @Override
            public Session begin() {
                return change.apply(readModel.begin());
            }

            @Override
            public Check check(RowSink expected) {
                return readModel.check(expected);
            }
        };
    }

    /** A rebuild session doing what another does, for a test to change one step of it. */
    private static class DelegatingSession implements ReadModelRebuild.Session {
        private final ReadModelRebuild.Session session;

        DelegatingSession(ReadModelRebuild.Session session) {
            this.session = session;
        }

        @Override
        public void fold(StoredEvent event) {
            session.fold(event);
        }

        @Override
        public void flush() {
            session.flush();
        }

        @Override
        public void catchUp(StoredEvent event) {
            session.catchUp(event);
        }

        @Override
        public void finish() {
            session.finish();
        }

        @Override
        public void awaitLive(long head, Duration patience) {
            session.awaitLive(head, patience);
        }

        @Override
        public List<TablePair> comparisons() {
            return session.comparisons();
        }

        @Override
        public void switchLive() {
            session.switchLive();
        }
    }

    /** A data source counting the connections taken from it and given back (closed). */
    private static final class CountedConnections extends DelegatingDataSource {

        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger givenBack = new AtomicInteger();

        CountedConnections(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            taken.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            givenBack.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void aFinishedRebuildIsReportedWithItsVerificationAlsoAfterARestart() {
        RebuildProgress done = rebuilds.runNow();
        RebuildService afterRestart = new RebuildService(
                reader, gate, dataSource, readModels, () -> {}, new RebuildJournal(jdbc, Clock.systemUTC()));
        try {
            RebuildProgress reported = afterRestart.progress(done.id()).orElseThrow();

            assertThat(reported.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
            assertThat(reported.eventsDone()).isEqualTo(done.eventsDone());
            assertThat(reported.finishedAt()).isEqualTo(done.finishedAt());
            assertThat(reported.verified()).isTrue();
            assertThat(reported.verification()).isEqualTo(done.verification());
        } finally {
            afterRestart.destroy();
        }
    }

    private void insertKeptState(String organizationId) {
        jdbc.update(
                "INSERT INTO state_checkpoint (organization_id, position, covers_until, stored_events,"
                        + " events_applied, format, state) VALUES (?, 1, '2026-01-01T00:00:00.000Z', 1, 1, 0, ?)",
                organizationId,
                new byte[] {1});
    }

    @Test
    void onlyTheOperatorRebuilds() {
        var granted = api.post(path("/admins"), Map.of("email", uniqueEmail("plain-admin")));
        Http admin = Http.to("http://localhost:" + port)
                .basic(
                        granted.json().get("email").asText(),
                        granted.json().get("password").asText());
        var refused = admin.post("/api/admin/rebuild", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("forbidden");
        assertThat(api.get("/api/admin/rebuild/no-such-rebuild").status()).isEqualTo(404);
    }
}
