package com.controlpanel.provisioning.audit;

import static com.controlpanel.provisioning.testing.Fixtures.provisionMember;
import static com.controlpanel.provisioning.testing.Fixtures.provisionTeam;
import static com.controlpanel.provisioning.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.directory.DirectoryCheckpoints;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.PausedCommit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** History and state as of an instant, over HTTP, on data produced through the API and the SCIM commands. */
@ApplicationTest
class AuditReplayTest {

    @LocalServerPort
    int port;

    @Autowired
    Commands commands;

    @Autowired
    DirectoryCheckpoints checkpoints;

    @Autowired
    CommandBus commandBus;

    private Http api;
    private String org;
    private OrganizationId orgId;

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        org = Fixtures.createOrganization(api, "Audit");
        orgId = new OrganizationId(org);
    }

    private String path(String rest) {
        return "/api/orgs/" + org + rest;
    }

    /** The organization as the Control Panel's own lists show it: member → status/source/teams, team → members. */
    private Map<String, String> snapshotThroughTheApi() {
        Map<String, String> snapshot = new TreeMap<>();
        snapshot.put(
                "provisioning",
                api.get(path("/provisioning")).json().get("enabled").asText());
        for (JsonNode member : api.get(path("/members?limit=500")).json().get("items")) {
            List<String> teams = new ArrayList<>();
            member.get("teams").forEach(team -> teams.add(team.get("id").asText()));
            teams.sort(null);
            snapshot.put(
                    "member " + member.get("id").asText(),
                    member.get("userName").asText() + " " + member.get("status").asText() + " "
                            + member.get("source").asText() + " " + teams);
        }
        for (JsonNode team : api.get(path("/teams?limit=500")).json().get("items")) {
            String id = team.get("id").asText();
            List<String> members = new ArrayList<>();
            api.get(path("/teams/" + id + "/members?limit=500"))
                    .json()
                    .get("items")
                    .forEach(member -> members.add(member.get("id").asText()));
            members.sort(null);
            snapshot.put(
                    "team " + id,
                    team.get("name").asText() + " " + team.get("source").asText() + " " + members);
        }
        return snapshot;
    }

    private Map<String, String> snapshotAsOf(Instant at) {
        var response = api.get(path("/state?at=" + at));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return snapshotOf(response.json());
    }

    private static Map<String, String> snapshotOf(JsonNode state) {
        Map<String, String> snapshot = new TreeMap<>();
        snapshot.put(
                "provisioning",
                state.get("organization").get("provisioningEnabled").asText());
        for (JsonNode member : state.get("members")) {
            List<String> teams = new ArrayList<>();
            member.get("teamIds").forEach(id -> teams.add(id.asText()));
            snapshot.put(
                    "member " + member.get("id").asText(),
                    member.get("userName").asText() + " " + member.get("status").asText() + " "
                            + member.get("source").asText() + " " + teams);
        }
        for (JsonNode team : state.get("teams")) {
            List<String> members = new ArrayList<>();
            team.get("memberIds").forEach(id -> members.add(id.asText()));
            snapshot.put(
                    "team " + team.get("id").asText(),
                    team.get("name").asText() + " " + team.get("source").asText() + " " + members);
        }
        return snapshot;
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    /** The subject's Activity rows, newest first, once the asynchronous projection has written one of this action. */
    private JsonNode newestActivityOf(String subject, String action) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode rows = api.get(path("/activity?subject=" + subject)).json().get("items");
        while (System.nanoTime() < deadline
                && (rows.isEmpty() || !rows.get(0).get("action").asText().equals(action))) {
            Thread.sleep(20);
            rows = api.get(path("/activity?subject=" + subject)).json().get("items");
        }
        return rows;
    }

    /** Provisioning switched on, and SCIM as Okta calls it with the Secret Token issued. */
    private Http oktaScim() {
        var enabled = api.post(path("/provisioning/enable"), null).json();
        return Http.to(enabled.get("tenantUrl").asText())
                .bearer(enabled.get("secretToken").asText())
                .header("User-Agent", "Okta SCIM Client 1.0.0");
    }

    /** A User created over SCIM; its id. */
    private static String scimUser(Http scim, String userName) {
        return scim.send(
                        "POST",
                        "/Users",
                        Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", userName),
                        "application/scim+json")
                .json()
                .get("id")
                .asText();
    }

    /** A Group created over SCIM with these members; its id. */
    private static String scimGroup(Http scim, String displayName, List<Map<String, String>> members) {
        return scim.send(
                        "POST",
                        "/Groups",
                        Map.of("displayName", displayName, "members", members),
                        "application/scim+json")
                .json()
                .get("id")
                .asText();
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(15);
    }

    @Test
    void stateAsOfAnInstantEqualsWhatTheControlPanelShowedThen() throws Exception {
        api.post(path("/provisioning/enable"), null);
        MemberId alice = provisionMember(commands, orgId, uniqueEmail("alice"));
        MemberId carol = provisionMember(commands, orgId, uniqueEmail("carol"));
        TeamId pushed = provisionTeam(commands, orgId, "Pushed " + System.nanoTime());
        commands.send(
                Fixtures.OKTA,
                new UpdateProvisionedTeamCommand(
                        pushed, orgId, List.of(new TeamChange.AddMembers(List.of(alice, carol))), null));
        String manualTeam = api.post(path("/teams"), Map.of("name", "Manual " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        String bob = api.post(path("/members"), Map.of("email", uniqueEmail("bob"), "teamIds", List.of(manualTeam)))
                .json()
                .get("id")
                .asText();
        api.post(path("/teams/" + manualTeam + "/members"), Map.of("memberId", alice.value()));
        api.patch(path("/members/" + bob), Map.of("active", false));

        pause();
        Instant t1 = Instant.now();
        Map<String, String> atT1 = snapshotThroughTheApi();
        pause();

        commands.send(
                Fixtures.OKTA,
                new UpdateProvisionedTeamCommand(
                        pushed, orgId, List.of(new TeamChange.RemoveMembers(List.of(carol))), null));
        api.patch(path("/teams/" + manualTeam), Map.of("name", "Renamed " + System.nanoTime()));
        api.patch(path("/members/" + bob), Map.of("active", true, "email", uniqueEmail("bob.new")));
        api.post(path("/members"), Map.of("email", uniqueEmail("dave")));
        api.post(path("/provisioning/disable"), null);
        api.delete(path("/teams/" + manualTeam));

        assertThat(snapshotThroughTheApi()).isNotEqualTo(atT1);
        assertThat(snapshotAsOf(t1)).isEqualTo(atT1);
        assertThat(snapshotAsOf(Instant.now())).isEqualTo(snapshotThroughTheApi());

        // the same from the directory states kept along the way (every four events in the tests)
        checkpoints.keep();
        assertThat(api.get(path("/state?at=" + t1)).json().get("foldedFrom").asLong())
                .isPositive();
        assertThat(snapshotAsOf(t1)).isEqualTo(atT1);
        Instant now = Instant.now();
        assertThat(api.get(path("/state?at=" + now)).json().get("foldedFrom").asLong())
                .isPositive();
        assertThat(snapshotAsOf(now)).isEqualTo(snapshotThroughTheApi());

        JsonNode memberThen =
                api.get(path("/state/members/" + bob + "?at=" + t1)).json();
        assertThat(memberThen.get("status").asText()).isEqualTo("DEACTIVATED");
        JsonNode teamThen =
                api.get(path("/state/teams/" + manualTeam + "?at=" + t1)).json();
        assertThat(teamThen.get("memberCount").asInt()).isEqualTo(2);
        assertThat(api.get(path("/state/teams/" + manualTeam + "?at=" + Instant.now()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theStateAsOfAnInstantWaitsForAWriteOfThatInstantStillCommitting() throws Exception {
        // a write whose event is stamped, and not yet committed, when the state as of that instant is asked: the
        // state waits for it, so that asking again later gives the same state
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (PausedCommit paused = PausedCommit.ofNextCommand(commandBus, orgId)) {
            String email = uniqueEmail("in.flight");
            Future<Http.Response> invited = threads.submit(() -> api.post(path("/members"), Map.of("email", email)));
            assertThat(paused.awaitStamped()).isTrue();
            Instant at = Instant.now();
            Future<Http.Response> asked = threads.submit(() -> api.get(path("/state?at=" + at)));
            Thread.sleep(500);
            assertThat(asked.isDone())
                    .as("answered while a write of the instant was still committing")
                    .isFalse();

            paused.commit();
            assertThat(invited.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            Http.Response state = asked.get(30, TimeUnit.SECONDS);
            assertThat(state.status()).as(state.toString()).isEqualTo(200);
            assertThat(state.json().get("members").findValuesAsText("userName")).contains(email);
            assertThat(snapshotAsOf(at)).isEqualTo(snapshotOf(state.json()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void stateListsMembersAndTeamsInTheOrderOfTheMemberAndTeamLists() {
        for (String[] name : List.of(
                new String[] {"Zo\u00eb", "Quinn"},
                new String[] {"\u00c9mile", "Zola"},
                new String[] {"\u0141ukasz", "Nowak"},
                new String[] {"ada", "Byron"},
                new String[] {"Ada", "Lovelace"})) {
            api.post(
                    path("/members"),
                    Map.of("email", uniqueEmail("order"), "givenName", name[0], "familyName", name[1]));
        }
        List<String> teamIds = new ArrayList<>();
        for (String name : List.of("Zebra team", "\u00e9quipe Alpha", "\u00c9quipe Beta", "Design")) {
            teamIds.add(api.post(path("/teams"), Map.of("name", name))
                    .json()
                    .get("id")
                    .asText());
        }
        String anyMember = api.get(path("/members?limit=1"))
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asText();
        for (String team : teamIds) {
            api.post(path("/teams/" + team + "/members"), Map.of("memberId", anyMember));
        }
        JsonNode state = api.get(path("/state?at=" + Instant.now())).json();

        List<String> members = new ArrayList<>();
        state.get("members").forEach(member -> members.add(member.get("name").asText()));
        List<String> listed = new ArrayList<>();
        api.get(path("/members?limit=50"))
                .json()
                .get("items")
                .forEach(member -> listed.add(member.get("label").asText()));
        assertThat(members)
                .containsExactly("ada Byron", "Ada Lovelace", "\u00c9mile Zola", "\u0141ukasz Nowak", "Zo\u00eb Quinn")
                .isEqualTo(listed);
        List<String> teams = new ArrayList<>();
        state.get("teams").forEach(team -> teams.add(team.get("name").asText()));
        assertThat(teams).containsExactly("Design", "\u00e9quipe Alpha", "\u00c9quipe Beta", "Zebra team");
    }

    @Test
    void aMemberOrTeamNotThereAtAnInstantIsNotFoundNamingTheInstantToTheMillisecond() {
        for (String kind : List.of("members", "teams")) {
            var missing =
                    api.get(path("/state/" + kind + "/" + java.util.UUID.randomUUID() + "?at=2026-01-02T03:04:05Z"));
            assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
            assertThat(missing.json().get("detail").asText()).endsWith(" at 2026-01-02T03:04:05.000Z");
        }
    }

    @Test
    void stateBeforeTheOrganizationExistedIsEmpty() {
        JsonNode state = api.get(path("/state?at=2000-01-01T00:00:00Z")).json();
        assertThat(state.get("organization").isNull()).isTrue();
        assertThat(state.get("members").size()).isZero();
        assertThat(state.get("eventsApplied").asLong()).isZero();
    }

    @Test
    void stateNeedsAValidInstant() {
        var missing = api.get(path("/state"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asText()).contains("at");
        var malformed = api.get(path("/state?at=yesterday"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("invalid-value");
        // a year past 9999 is an instant, though not one the store keeps; its '+' sent unencoded arrives as a space
        for (String past9999 : List.of("%2B10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            var far = api.get(path("/state?at=" + past9999));
            assertThat(far.status()).isEqualTo(400);
            assertThat(far.json().get("detail").asText()).as(past9999).contains("between the years 1 and 9999");
        }
    }

    @Test
    void memberHistoryShowsEveryEventInOrderWithWhoAndWhat() {
        api.post(path("/provisioning/enable"), null);
        String email = uniqueEmail("hist");
        MemberId okta = provisionMember(commands, orgId, email);
        api.post(path("/provisioning/disable"), null);
        api.patch(path("/members/" + okta.value()), Map.of("givenName", "Changed"));
        api.patch(path("/members/" + okta.value()), Map.of("active", false));

        var response = api.get(path("/members/" + okta.value() + "/history"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode history = response.json();
        assertThat(types(history)).containsExactly("MemberProvisioned", "MemberProfileChanged", "MemberDeactivated");
        assertThat(history.get(0).get("actor").get("kind").asText()).isEqualTo("IDENTITY_PROVIDER");
        assertThat(history.get(1).get("actor").get("name").asText()).isEqualTo(ApplicationTest.ADMIN);
        assertThat(history.get(1).get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(history.get(0).get("revision").asText()).isEqualTo("1");
        assertThat(history.get(0).get("payload").get("profile").get("userName").asText())
                .isEqualTo(email);
        assertThat(history.get(1)
                        .get("payload")
                        .get("profile")
                        .get("name")
                        .get("givenName")
                        .asText())
                .isEqualTo("Changed");
        assertThat(history.get(1).get("position").asLong())
                .isGreaterThan(history.get(0).get("position").asLong());
    }

    @Test
    void provisioningHistoryShowsSwitchingAndCredentialsButNeverTheToken() {
        String token = api.post(path("/provisioning/enable"), null)
                .json()
                .get("secretToken")
                .asText();
        api.post(path("/provisioning/credentials"), null);
        api.post(path("/provisioning/disable"), null);
        var response = api.get(path("/provisioning/history"));
        assertThat(types(response.json()))
                .containsExactly(
                        "OrganizationCreated",
                        "ProvisioningEnabled",
                        "ProvisioningCredentialsIssued",
                        "ProvisioningCredentialsIssued",
                        "ProvisioningDisabled");
        assertThat(response.text()).doesNotContain(token);
        // each event that ends a token names it (by its credential id): the new credentials, then switching off
        JsonNode history = response.json();
        String first = history.get(2).get("payload").get("credentialId").asText();
        String second = history.get(3).get("payload").get("credentialId").asText();
        assertThat(history.get(2).get("payload").get("previousCredentialId").isNull())
                .isTrue();
        assertThat(history.get(3).get("payload").get("previousCredentialId").asText())
                .isEqualTo(first);
        assertThat(history.get(4).get("payload").get("credentialId").asText()).isEqualTo(second);
        assertThat(history.get(4).get("revision").asText()).isEqualTo("2");
    }

    @Test
    void oneMemberAsOfAnInstantHasEveryAttributeOktaHadSentThen() throws Exception {
        Http scim = oktaScim();
        String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        String userName = uniqueEmail("attributes");
        String user = scim.send(
                        "POST",
                        "/Users",
                        Map.of(
                                "schemas",
                                List.of("urn:ietf:params:scim:schemas:core:2.0:User", enterprise),
                                "userName",
                                userName,
                                "externalId",
                                "00u-then",
                                "name",
                                Map.of("givenName", "Ada", "familyName", "Byron", "middleName", "K"),
                                "emails",
                                List.of(Map.of("value", userName, "type", "work", "primary", true)),
                                "title",
                                "Analyst",
                                enterprise,
                                Map.of("department", "Research")),
                        "application/scim+json")
                .json()
                .get("id")
                .asText();
        pause();
        Instant then = Instant.now();
        pause();
        assertThat(scim.send(
                                "PATCH",
                                "/Users/" + user,
                                Map.of(
                                        "schemas",
                                        List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                                        "Operations",
                                        List.of(
                                                Map.of("op", "replace", "path", "title", "value", "Director"),
                                                Map.of(
                                                        "op",
                                                        "replace",
                                                        "path",
                                                        enterprise + ":department",
                                                        "value",
                                                        "Board"))),
                                "application/scim+json")
                        .status())
                .isEqualTo(200);

        JsonNode asOfThen =
                api.get(path("/state/members/" + user + "?at=" + then)).json();
        JsonNode profile = asOfThen.get("profile");
        assertThat(profile.get("attributes").get("title").asText()).isEqualTo("Analyst");
        assertThat(profile.get("attributes").get(enterprise).get("department").asText())
                .isEqualTo("Research");
        assertThat(profile.get("externalId").asText()).isEqualTo("00u-then");
        assertThat(profile.get("name").get("middleName").asText()).isEqualTo("K");
        assertThat(profile.get("emails").get(0).get("value").asText()).isEqualTo(userName);
        assertThat(profile.get("emails").get(0).get("primary").asBoolean()).isTrue();
        assertThat(asOfThen.get("version").asLong()).isZero();

        JsonNode now =
                api.get(path("/state/members/" + user + "?at=" + Instant.now())).json();
        assertThat(now.get("profile").get("attributes").get("title").asText()).isEqualTo("Director");
        assertThat(now.get("profile")
                        .get("attributes")
                        .get(enterprise)
                        .get("department")
                        .asText())
                .isEqualTo("Board");
        assertThat(now.get("profile").get("attributes"))
                .isEqualTo(api.get(path("/members/" + user)).json().get("attributes"));
        // the organization's state lists each member as its lists show it, without the whole profile
        assertThat(api.get(path("/state?at=" + Instant.now()))
                        .json()
                        .get("members")
                        .get(0)
                        .has("profile"))
                .isFalse();
    }

    @Test
    void aMemberDeletedOverScimLeavesEachOfItsTeamsOnTheTeamsOwnRecord() throws Exception {
        Http scim = oktaScim();
        String userName = uniqueEmail("leaver");
        String user = scimUser(scim, userName);
        String pushed = scimGroup(scim, "Pushed " + System.nanoTime(), List.of(Map.of("value", user)));
        String manual = api.post(path("/teams"), Map.of("name", "Manual " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        assertThat(api.post(path("/teams/" + manual + "/members"), Map.of("memberId", user))
                        .status())
                .isIn(200, 201, 204);
        long pushedVersion =
                api.get(path("/teams/" + pushed)).json().get("version").asLong();
        pause();
        Instant before = Instant.now();
        pause();

        assertThat(scim.delete("/Users/" + user).status()).isEqualTo(204);

        for (String team : List.of(pushed, manual)) {
            JsonNode history = api.get(path("/teams/" + team + "/history")).json();
            assertThat(types(history)).endsWith("MemberAddedToTeam", "MemberRemovedFromTeam");
            JsonNode left = history.get(history.size() - 1);
            assertThat(left.get("payload").get("memberId").asText()).isEqualTo(user);
            assertThat(left.get("actor").get("kind").asText()).isEqualTo("IDENTITY_PROVIDER");
            JsonNode rows = newestActivityOf(team, "team.member-removed");
            assertThat(rows.get(0).get("action").asText()).isEqualTo("team.member-removed");
            assertThat(rows.get(0).get("summary").asText()).contains(userName);
            assertThat(api.get(path("/teams/" + team)).json().get("memberCount").asInt())
                    .isZero();
        }
        assertThat(api.get(path("/teams/" + pushed)).json().get("version").asLong())
                .isEqualTo(pushedVersion + 1);
        // the Group as Okta reads it has no member, and the state as of before the deletion still had it in both
        assertThat(scim.get("/Groups/" + pushed).json().path("members")).isEmpty();
        assertThat(snapshotAsOf(before).get("member " + user)).contains(pushed).contains(manual);
        assertThat(snapshotAsOf(Instant.now())).isEqualTo(snapshotThroughTheApi());
    }

    /** The one instant every one of these history entries happened at. */
    private static Instant oneInstant(List<JsonNode> entries) {
        List<String> instants = new ArrayList<>();
        entries.forEach(entry -> instants.add(entry.get("occurredAt").asText()));
        assertThat(instants).as("the instants of one command's events").containsOnly(instants.get(0));
        return Instant.parse(instants.get(0));
    }

    private static List<JsonNode> lastOf(JsonNode history, int count) {
        List<JsonNode> entries = new ArrayList<>();
        history.forEach(entries::add);
        return entries.subList(entries.size() - count, entries.size());
    }

    @Test
    void everyEventOfOneCommandHappensAtOneInstantSoTheStateAsOfAnyInstantHasTheWholeCommandOrNoneOfIt() {
        Http scim = oktaScim();
        List<Map<String, String>> members = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            members.add(Map.of("value", scimUser(scim, uniqueEmail("whole" + i))));
        }
        // a group pushed with its members: the team, then each membership, in one command
        String group = scimGroup(scim, "Whole " + System.nanoTime(), members);
        JsonNode pushed = api.get(path("/teams/" + group + "/history")).json();
        assertThat(pushed).hasSize(61);
        Instant pushedAt = oneInstant(lastOf(pushed, 61));
        var asPushed = api.get(path("/state/teams/" + group + "?at=" + pushedAt));
        assertThat(asPushed.status()).as(asPushed.toString()).isEqualTo(200);
        assertThat(asPushed.json().get("memberIds")).hasSize(60);
        assertThat(api.get(path("/state/teams/" + group + "?at=" + pushedAt.minusMillis(1)))
                        .status())
                .isEqualTo(404);

        // the group deleted with its members: each removal, then the team's deletion, in one command
        assertThat(scim.delete("/Groups/" + group).status()).isEqualTo(204);
        JsonNode history = api.get(path("/teams/" + group + "/history")).json();
        assertThat(history).hasSize(122);
        Instant deletedAt = oneInstant(lastOf(history, 61));
        assertThat(deletedAt).isAfter(pushedAt);
        var before = api.get(path("/state/teams/" + group + "?at=" + deletedAt.minusMillis(1)));
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.json().get("memberIds")).hasSize(60);
        assertThat(api.get(path("/state/teams/" + group + "?at=" + deletedAt)).status())
                .isEqualTo(404);

        // one edit of the JSON API that renames and deactivates (all or nothing): both, or neither, as of any instant
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("edited")))
                .json()
                .get("id")
                .asText();
        var edited = api.patch(path("/members/" + member), Map.of("givenName", "Renamed", "active", false));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonNode memberHistory =
                api.get(path("/members/" + member + "/history")).json();
        assertThat(types(memberHistory)).endsWith("MemberProfileChanged", "MemberDeactivated");
        Instant editedAt = oneInstant(lastOf(memberHistory, 2));
        JsonNode asEdited =
                api.get(path("/state/members/" + member + "?at=" + editedAt)).json();
        assertThat(asEdited.get("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(asEdited.get("profile").get("name").get("givenName").asText())
                .isEqualTo("Renamed");
        JsonNode asInvited = api.get(path("/state/members/" + member + "?at=" + editedAt.minusMillis(1)))
                .json();
        assertThat(asInvited.get("status").asText()).isEqualTo("INVITED");
        assertThat(asInvited.get("profile").get("name").path("givenName").asText())
                .isNotEqualTo("Renamed");
    }

    @Test
    void theStateRightAfterEachEventOfATeamsHistoryCountsThatEventAndNoLaterOne() {
        Http scim = oktaScim();
        List<Map<String, String>> members = new ArrayList<>();
        for (String name : List.of("ann", "bob")) {
            members.add(Map.of("value", scimUser(scim, uniqueEmail(name))));
        }
        String group = scimGroup(scim, "Emptied " + System.nanoTime(), members);
        // a deletion of a group with members: its members removed, then the team deleted, often in one millisecond
        assertThat(scim.delete("/Groups/" + group).status()).isEqualTo(204);

        JsonNode history = api.get(path("/teams/" + group + "/history")).json();
        assertThat(types(history)).endsWith("MemberRemovedFromTeam", "MemberRemovedFromTeam", "TeamDeleted");
        List<String> expected = new ArrayList<>();
        for (JsonNode event : history) {
            switch (event.get("type").asText()) {
                case "MemberAddedToTeam" ->
                    expected.add(event.get("payload").get("memberId").asText());
                case "MemberRemovedFromTeam" ->
                    expected.remove(event.get("payload").get("memberId").asText());
                default -> {}
            }
            String rightAfter = "?at=" + event.get("occurredAt").asText() + "&through="
                    + event.get("position").asLong();
            var team = api.get(path("/state/teams/" + group + rightAfter));
            var whole = api.get(path("/state" + rightAfter));
            assertThat(whole.json().get("through").asLong())
                    .isEqualTo(event.get("position").asLong());
            if (event.get("type").asText().equals("TeamDeleted")) {
                assertThat(team.status()).isEqualTo(404);
                continue;
            }
            assertThat(team.status()).as(event.toString()).isEqualTo(200);
            List<String> then = new ArrayList<>();
            team.json().get("memberIds").forEach(id -> then.add(id.asText()));
            assertThat(then).as(event.get("type").asText()).containsExactlyInAnyOrderElementsOf(expected);
        }
        JsonNode last = history.get(history.size() - 1);
        String at = "?at=" + last.get("occurredAt").asText();
        assertThat(api.get(path("/state" + at + "&through=-1")).status()).isEqualTo(400);
        assertThat(api.get(path("/state" + at + "&through=first")).status()).isEqualTo(400);
        assertThat(api.get(path("/state/teams/" + group + at + "&through=-1")).status())
                .isEqualTo(400);
        assertThat(api.get(path("/state" + at)).json().get("through").isNull()).isTrue();

        // a position that is no event of the organization at that instant: an event of another moment, none at all
        JsonNode first = history.get(0);
        var earlier =
                api.get(path("/state" + at + "&through=" + first.get("position").asLong()));
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(400);
        assertThat(earlier.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(earlier.json().get("detail").asText())
                .contains(
                        "no such event is at position " + first.get("position").asLong());
        var later = api.get(path("/state?at=" + first.get("occurredAt").asText() + "&through="
                + last.get("position").asLong()));
        assertThat(later.status()).as(later.toString()).isEqualTo(400);
        assertThat(api.get(path("/state/teams/" + group + at + "&through=" + Long.MAX_VALUE))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aMemberAnAdminDeletesLeavesEachOfItsTeamsOnTheTeamsOwnRecord() {
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("removed"), "name", "Re Moved"))
                .json()
                .get("id")
                .asText();
        String team = api.post(path("/teams"), Map.of("name", "Left " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        api.post(path("/teams/" + team + "/members"), Map.of("memberId", member));
        assertThat(api.delete(path("/members/" + member)).status()).isEqualTo(204);
        JsonNode history = api.get(path("/teams/" + team + "/history")).json();
        assertThat(types(history)).containsExactly("TeamProvisioned", "MemberAddedToTeam", "MemberRemovedFromTeam");
        assertThat(history.get(2).get("actor").get("name").asText()).isEqualTo(ApplicationTest.ADMIN);
        // the member's own history ends with its deletion; the team's record comes after it
        JsonNode memberHistory =
                api.get(path("/members/" + member + "/history")).json();
        assertThat(history.get(2).get("position").asLong())
                .isGreaterThan(memberHistory
                        .get(memberHistory.size() - 1)
                        .get("position")
                        .asLong());
    }

    @Test
    void teamHistoryAndAnotherOrganizationsIds() {
        String team = api.post(path("/teams"), Map.of("name", "History " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        api.patch(path("/teams/" + team), Map.of("name", "History renamed " + System.nanoTime()));
        assertThat(types(api.get(path("/teams/" + team + "/history")).json()))
                .containsExactly("TeamProvisioned", "TeamRenamed");
        String other = Fixtures.createOrganization(api, "Other");
        var foreign = api.get("/api/orgs/" + other + "/teams/" + team + "/history");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get(path("/members/" + team + "/history")).status()).isEqualTo(404);
    }
}
