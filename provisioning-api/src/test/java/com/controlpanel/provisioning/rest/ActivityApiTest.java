package com.controlpanel.provisioning.rest;

import static com.controlpanel.provisioning.testing.Fixtures.provisionMember;
import static com.controlpanel.provisioning.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.RawStreams;
import com.controlpanel.provisioning.ui.activity.LiveStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Activity > Actions over HTTP: what is recorded, the filters, paging, exports and the live stream. */
@ApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class ActivityApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Commands commands;

    @Autowired
    JdbcTemplate jdbc;

    private Http api;
    private String org;
    private OrganizationId orgId;
    /** The streams a test opened, closed after it: each holds one of its admin's places until then. */
    private final List<Stream<String>> openBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        org = Fixtures.createOrganization(api, "Activity");
        orgId = new OrganizationId(org);
    }

    @AfterEach
    void closeStreams() {
        openBodies.forEach(Stream::close);
    }

    private String path(String rest) {
        return "/api/orgs/" + org + rest;
    }

    /** The activity rows, once the asynchronous projection has written at least {@code count} of them. */
    private JsonNode rowsOnceThere(String query, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode items = api.get(path("/activity" + query)).json().get("items");
        while (items.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            items = api.get(path("/activity" + query)).json().get("items");
        }
        assertThat(items.size()).as("activity rows for %s", query).isGreaterThanOrEqualTo(count);
        return items;
    }

    private static List<String> values(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    @Test
    void rule10_everyActionAppearsWithWhoWhatAndOnWhat() throws Exception {
        String token = api.post(path("/provisioning/enable"), null)
                .json()
                .get("secretToken")
                .asText();
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("okta"));
        String invited = api.post(path("/members"), Map.of("email", uniqueEmail("manual"), "name", "Manual Person"))
                .json()
                .get("id")
                .asText();
        api.post(path("/provisioning/credentials"), null);
        api.post(path("/provisioning/disable"), null);
        // editable once provisioning is off: deleted, Okta's member keeps its badge in the rows about it (rule 5)
        assertThat(api.delete(path("/members/" + okta.value())).status()).isEqualTo(204);

        JsonNode rows = rowsOnceThere("?limit=50", 8);
        assertThat(values(rows, "action"))
                .containsExactly(
                        "member.removed",
                        "provisioning.disabled",
                        "provisioning.credentials-issued",
                        "member.invited",
                        "member.provisioned",
                        "provisioning.credentials-issued",
                        "provisioning.enabled",
                        "organization.created");
        assertThat(rows.get(0).get("subject").get("id").asText()).isEqualTo(okta.value());
        assertThat(rows.get(0).get("subject").get("source").asText()).isEqualTo("OKTA");
        JsonNode provisioned = rows.get(4);
        assertThat(provisioned.get("actor").get("kind").asText()).isEqualTo("IDENTITY_PROVIDER");
        assertThat(provisioned.get("client").asText()).isEqualTo("Okta SCIM Client 1.0.0");
        assertThat(provisioned.get("subject").get("id").asText()).isEqualTo(okta.value());
        assertThat(provisioned.get("subject").get("type").asText()).isEqualTo("MEMBER");
        assertThat(provisioned.get("subject").get("source").asText()).isEqualTo("OKTA");
        JsonNode invitation = rows.get(3);
        assertThat(invitation.get("actor").get("kind").asText()).isEqualTo("ADMIN");
        assertThat(invitation.get("actor").get("name").asText()).isEqualTo(ApplicationTest.ADMIN);
        assertThat(invitation.get("subject").get("id").asText()).isEqualTo(invited);
        assertThat(invitation.get("subject").get("source").asText()).isEqualTo("MANUAL");
        assertThat(rows.get(1).get("subject").get("source").isNull())
                .as("the organization has no source")
                .isTrue();
        assertThat(invitation.get("summary").asText()).startsWith("Invited member Manual Person");
        assertThat(invitation.get("requestId").asText()).isNotBlank();
        assertThat(rows.get(1).get("summary").asText()).containsIgnoringCase("switched user provisioning off");
        String everything = api.get(path("/activity/export?format=json")).text();
        assertThat(everything).doesNotContain(token);
        // the same in the exports, the member removed included
        JsonNode exported = new ObjectMapper().readTree(everything);
        assertThat(exported.get(0).get("action").asText()).isEqualTo("member.removed");
        assertThat(exported.get(0).get("subjectSource").asText()).isEqualTo("OKTA");
        assertThat(api.get(path("/activity/export?format=csv&action=member.removed"))
                        .text()
                        .split("\r\n")[1])
                .contains("," + okta.value() + ",")
                .contains(",OKTA,");

        var one = api.get(path("/activity/" + invitation.get("position").asLong()));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("eventId").asText())
                .isEqualTo(invitation.get("eventId").asText());
        assertThat(one.json().get("subject").get("source").asText()).isEqualTo("MANUAL");
    }

    @Test
    void aMembersTrailShowsThatItLeftATeamThatWasDeleted() throws Exception {
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("left"), "name", "Left Behind"))
                .json()
                .get("id")
                .asText();
        String team = api.post(path("/teams"), Map.of("name", "Short-lived"))
                .json()
                .get("id")
                .asText();
        api.post(path("/teams/" + team + "/members"), Map.of("memberId", member));
        assertThat(api.delete(path("/teams/" + team)).status()).isEqualTo(204);

        JsonNode trail = rowsOnceThere("?subject=" + member, 3);
        assertThat(values(trail, "action"))
                .containsExactly("team.member-removed", "team.member-added", "member.invited");
        assertThat(trail.get(0).get("summary").asText()).contains("Left Behind").contains("Short-lived");
        assertThat(api.get(path("/members/" + member)).json().get("teams")).isEmpty();
        assertThat(values(rowsOnceThere("?subject=" + team, 4), "action"))
                .containsExactly("team.deleted", "team.member-removed", "team.member-added", "team.created");
    }

    @Test
    void filtersAndCursorPagingOverHttp() throws Exception {
        api.post(path("/provisioning/enable"), null);
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("filtered"));
        String team = api.post(path("/teams"), Map.of("name", "Filter team"))
                .json()
                .get("id")
                .asText();
        api.post(path("/teams/" + team + "/members"), Map.of("memberId", okta.value()));
        rowsOnceThere("?limit=50", 6);

        assertThat(values(rowsOnceThere("?actorKind=identity_provider", 1), "action"))
                .containsExactly("member.provisioned");
        assertThat(values(rowsOnceThere("?action=team", 2), "action"))
                .containsExactly("team.member-added", "team.created");
        assertThat(values(rowsOnceThere("?action=provisioning.enabled,team.created", 2), "action"))
                .containsExactly("team.created", "provisioning.enabled");
        assertThat(values(rowsOnceThere("?subject=" + okta.value(), 2), "action"))
                .containsExactly("team.member-added", "member.provisioned");
        assertThat(api.get(path("/activity?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"))
                        .json()
                        .get("items")
                        .size())
                .isZero();

        JsonNode first = api.get(path("/activity?limit=2")).json();
        assertThat(first.get("items").size()).isEqualTo(2);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = api.get(path("/activity?limit=2&cursor=" + cursor)).json();
        assertThat(second.get("items").get(0).get("position").asLong())
                .isLessThan(first.get("items").get(1).get("position").asLong());
    }

    @Test
    void badFiltersAreRefusedWithTheParameterNamed() {
        for (String query : List.of(
                "?actorKind=robot",
                "?cursor=abc",
                // digits no page gives: past the newest row it would be the newest page, as if it were older ones
                "?cursor=999999999",
                "?cursor=0",
                "?from=yesterday",
                "?action=DROP%20TABLE",
                "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "?limit=-1",
                // a page of nothing would say, with no next cursor, that there is nothing
                "?limit=0",
                "?limit=abc")) {
            var response = api.get(path("/activity" + query));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("code").asText()).as(query).isEqualTo("invalid-value");
        }
        assertThat(api.get(path("/activity/export?format=xml")).status()).isEqualTo(400);
    }

    @Test
    void exportsAsCsvAndJsonFiles() throws Exception {
        api.post(path("/teams"), Map.of("name", "Exported, \"quoted\""));
        rowsOnceThere("", 2);
        var csv = api.get(path("/activity/export?format=csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        assertThat(csv.text()).startsWith("position,occurredAt,actorKind");
        assertThat(csv.text()).contains("\"Exported, \"\"quoted\"\"\"");
        var json = api.get(path("/activity/export?format=json&action=team"));
        assertThat(json.header("Content-Type")).startsWith("application/json");
        JsonNode rows = new ObjectMapper().readTree(json.text());
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("details").get("displayName").asText()).isEqualTo("Exported, \"quoted\"");
    }

    @Test
    void anotherOrganizationsActivityStaysHidden() throws Exception {
        api.post(path("/teams"), Map.of("name", "Private team"));
        rowsOnceThere("", 2);
        String other = Fixtures.createOrganization(api, "Other");
        String otherActivity = api.get("/api/orgs/" + other + "/activity").text();
        assertThat(otherActivity).doesNotContain("Private team");
    }

    @Test
    void newRowsArriveLiveOnTheStream() throws Exception {
        rowsOnceThere("", 1);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = openStream(null, lines);
        Thread.sleep(300);
        api.post(path("/teams"), Map.of("name", "Live team"));
        String data = awaitLine(lines, line -> line.startsWith("data:") && line.contains("Live team"));
        JsonNode row = new ObjectMapper().readTree(data.substring(5));
        assertThat(row.get("action").asText()).isEqualTo("team.created");
        assertThat(row.get("subject").get("source").asText()).isEqualTo("MANUAL");
        stream.cancel(true);

        // reconnecting with the last id seen replays what came since
        long last = row.get("position").asLong();
        api.post(path("/teams"), Map.of("name", "Missed team"));
        rowsOnceThere("?action=team", 2);
        BlockingQueue<String> again = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> resumed = openStream(Long.toString(last), again);
        assertThat(awaitLine(again, line -> line.contains("Missed team"))).contains("team.created");
        resumed.cancel(true);
    }

    @Test
    void aResumeSendsEveryRowMissedHoweverMany() throws Exception {
        api.post(path("/provisioning/enable"), null);
        long last = rowsOnceThere("", 2).get(0).get("position").asLong();
        IntStream.range(0, 520).parallel().forEach(i -> provisionMember(commands, orgId, uniqueEmail("missed" + i)));
        List<Long> missed = activityPositionsAfter(last, 520);

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> resumed = openStream(Long.toString(last), lines);
        List<Long> received = new ArrayList<>();
        while (received.size() < missed.size()) {
            received.add(Long.parseLong(awaitLine(lines, line -> line.startsWith("id:"))
                    .substring(3)
                    .strip()));
        }
        resumed.cancel(true);
        // every one of them (more than a page of 500), each once, in the order they were stored
        assertThat(received).isEqualTo(missed);
    }

    @Test
    void aLastEventIdThatIsNoRowsIdIsRefusedNotReadAsNone() throws InterruptedException {
        for (String bad : List.of("abc", "-5", "12345678901234567890")) {
            var refused = api.header("Last-Event-ID", bad)
                    .header("Accept", "text/event-stream")
                    .get(path("/activity/stream"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid-value");
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Header 'Last-Event-ID' must be the id of a row this stream sent (its position), not '"
                            + bad + "'");
        }
        // a number that is no row of this organization: past its newest row, or another organization's
        long newest = rowsOnceThere("", 1).get(0).get("position").asLong();
        String elsewhere = Fixtures.createOrganization(api, "Another stream");
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode theirRows =
                api.get("/api/orgs/" + elsewhere + "/activity?limit=1").json().get("items");
        while (theirRows.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            theirRows = api.get("/api/orgs/" + elsewhere + "/activity?limit=1")
                    .json()
                    .get("items");
        }
        long theirs = theirRows.get(0).get("position").asLong();
        for (long none : List.of(newest + 1_000_000, theirs)) {
            var refused = api.header("Last-Event-ID", Long.toString(none))
                    .header("Accept", "text/event-stream")
                    .get(path("/activity/stream"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Header 'Last-Event-ID' is " + none + ", which is no row of this organization's"
                            + " Activity: read the newest page again, and send its newest position");
        }
    }

    @Test
    void aStreamAnswersAtOnceNotWithItsFirstRow() throws Exception {
        rowsOnceThere("", 1);
        CompletableFuture<HttpResponse<Stream<String>>> stream = openStream(null, new LinkedBlockingQueue<>());
        // nothing happens in the organization: the status and headers still come now (a proxy may give up waiting)
        HttpResponse<Stream<String>> response = stream.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        stream.cancel(true);
    }

    /** The positions of this organization's activity rows after {@code position}, once at least so many are there. */
    private List<Long> activityPositionsAfter(long position, int atLeast) throws InterruptedException {
        String slot = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'activity'", String.class);
        Instant deadline = Instant.now().plusSeconds(30);
        List<Long> positions = List.of();
        while (positions.size() < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            positions = jdbc.queryForList(
                    "SELECT position FROM activity_" + slot
                            + " WHERE organization_id = ? AND position > ? ORDER BY position",
                    Long.class,
                    org,
                    position);
        }
        assertThat(positions).hasSizeGreaterThanOrEqualTo(atLeast);
        return positions;
    }

    @Test
    void anInstantNoDatabaseCanHoldIsRefusedNotAFailure() {
        for (String query : List.of(
                "/activity?to=%2B1000000000-01-01T00:00:00Z",
                "/activity?from=-1000000000-01-01T00:00:00Z",
                "/activity/export?format=csv&to=%2B1000000000-01-01T00:00:00Z",
                "/activity/export?format=json&from=-1000000000-01-01T00:00:00Z",
                "/state?at=-1000000000-01-01T00:00:00Z",
                "/state?at=0000-12-31T23:59:59Z")) {
            var refused = api.get(path(query));
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as(query).startsWith("application/problem+json");
            assertThat(refused.header("Content-Disposition")).as(query).isNull();
            assertThat(refused.json().get("detail").asText()).contains("between the years 1 and 9999");
        }
        assertThat(api.get(path("/activity?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rowsArriveOnTheStreamInTheOrderTheyWereStored() throws Exception {
        rowsOnceThere("", 1);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = openStream(null, lines);
        Thread.sleep(300);
        // one after another, so that each commits before the next is stored, fast enough for the activity processor
        // to take several in one batch
        int teams = 12;
        for (int i = 0; i < teams; i++) {
            api.post(path("/teams"), Map.of("name", "Burst " + i));
        }
        List<Long> ids = new ArrayList<>();
        while (ids.size() < teams) {
            ids.add(Long.parseLong(awaitLine(lines, line -> line.startsWith("id:"))
                    .substring(3)
                    .strip()));
        }
        stream.cancel(true);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClientThatLeavesTheStreamIsNoFailure(CapturedOutput output) throws Exception {
        rowsOnceThere("", 1);
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream()
                    .write(("GET " + path("/activity/stream") + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Accept: text/event-stream\r\nAuthorization: Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((ApplicationTest.ADMIN + ":" + ApplicationTest.PASSWORD)
                                                    .getBytes(StandardCharsets.UTF_8))
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(status).contains("200");
        }
        // rows for a stream nobody reads any more: writing them finds the connection gone
        for (int i = 0; i < 4; i++) {
            api.post(path("/teams"), Map.of("name", "Unread " + i));
            Thread.sleep(250);
        }
        Thread.sleep(500);
        assertThat(output.getAll())
                .doesNotContain("AsyncRequestNotUsableException")
                .doesNotContain("Failure in @ExceptionHandler");
    }

    @Test
    void concurrentWritesGetOneRowEachAtTheirOwnPosition() throws Exception {
        api.post(path("/provisioning/enable"), null);
        IntStream.range(0, 120).parallel().forEach(i -> provisionMember(commands, orgId, uniqueEmail("c" + i)));
        long events = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE organization_id = ?", Long.class, org);
        String slot = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'activity'", String.class);
        Instant deadline = Instant.now().plusSeconds(20);
        long rows = 0;
        while (rows < events && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            rows = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM activity_" + slot + " WHERE organization_id = ?", Long.class, org);
        }
        assertThat(rows).isEqualTo(events);
        Long misplaced = jdbc.queryForObject(
                "SELECT COUNT(*) FROM activity_" + slot
                        + " a JOIN domain_event_entry e ON e.event_identifier = a.event_id "
                        + "WHERE a.organization_id = ? AND e.global_index <> a.position",
                Long.class,
                org);
        assertThat(misplaced).isZero();
    }

    private CompletableFuture<HttpResponse<Stream<String>>> openStream(
            String lastEventId, BlockingQueue<String> lines) {
        return openStream(
                path("/activity/stream"), ApplicationTest.ADMIN, ApplicationTest.PASSWORD, lastEventId, lines);
    }

    /** A stream read line by line into {@code lines}; a line {@link #ENDED} is added when the server ends it. */
    private CompletableFuture<HttpResponse<Stream<String>>> openStream(
            String streamPath, String email, String password, String lastEventId, BlockingQueue<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + streamPath))
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> CompletableFuture.runAsync(() -> {
            openBodies.add(r.body());
            try {
                r.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // the stream broke off: ended all the same
            } finally {
                lines.add(ENDED);
                // the client closes its connections once nothing holds it (a garbage collection would end the stream)
                java.lang.ref.Reference.reachabilityFence(client);
            }
        }));
        return response;
    }

    private static final String ENDED = "<the server ended the stream>";

    @Test
    void aStreamEndsOnceItsAdminMayNoLongerReadIt() throws Exception {
        rowsOnceThere("", 1);
        // an admin who stays, so that the watcher is not the organization's last
        api.post(path("/admins"), Map.of("email", uniqueEmail("keeper"), "password", "keeper-password-1"));
        for (String loss : List.of("removed from the organization", "password changed")) {
            String email = uniqueEmail("watcher");
            String password = "watcher-password-1";
            String adminId = api.post(path("/admins"), Map.of("email", email, "password", password))
                    .json()
                    .get("id")
                    .asText();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            CompletableFuture<HttpResponse<Stream<String>>> stream =
                    openStream(path("/activity/stream"), email, password, null, lines);
            awaitLine(lines, line -> line.startsWith(":live"));
            api.post(path("/teams"), Map.of("name", "Seen " + loss));
            awaitLine(lines, line -> line.contains("Seen " + loss));

            if (loss.startsWith("removed")) {
                assertThat(api.delete(path("/admins/" + adminId)).status()).isEqualTo(204);
            } else {
                Http watcher = Http.to("http://localhost:" + port).basic(email, password);
                assertThat(watcher.post(
                                        "/api/account/password",
                                        Map.of("currentPassword", password, "newPassword", "a-new-password-2"))
                                .status())
                        .isEqualTo(204);
            }
            // an admin's access is asked again at most a second after it was last asked
            Thread.sleep(LiveStream.RECHECK.toMillis() + 200);
            api.post(path("/teams"), Map.of("name", "Hidden " + loss));
            rowsOnceThere("?action=team.created", 2);

            String last = awaitLine(lines, line -> line.equals(ENDED) || line.contains("Hidden " + loss));
            assertThat(last).as(loss).isEqualTo(ENDED);
            stream.cancel(true);
        }
    }

    /** A Control Panel session of a new admin of the organization, its Activity page's live stream open. */
    private record WatchingPage(
            FormSession page,
            String email,
            String password,
            BlockingQueue<String> lines,
            java.util.concurrent.CompletableFuture<?> stream) {}

    private WatchingPage watchingPage(String who) throws Exception {
        String email = uniqueEmail(who);
        String password = "watcher-password-1";
        api.post(path("/admins"), Map.of("email", email, "password", password));
        FormSession page = FormSession.signIn(port, email, password);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var stream = page.stream("/orgs/" + org + "/activity/stream", lines, ENDED);
        awaitLine(lines, line -> line.equals("event:ready"));
        return new WatchingPage(page, email, password, lines, stream);
    }

    /** Once the stream has checked its access again, the next row is not sent: the stream ends instead. */
    private void assertEndsBeforeTheNextRow(WatchingPage watching, String team) throws Exception {
        Thread.sleep(LiveStream.RECHECK.toMillis() + 200);
        api.post(path("/teams"), Map.of("name", team));
        assertThat(awaitLine(watching.lines(), line -> line.equals(ENDED) || line.startsWith("id:")))
                .isEqualTo(ENDED);
        watching.stream().cancel(true);
    }

    @Test
    void theControlPanelsStreamEndsOnceItsSessionIsSignedOutByAPasswordChange() throws Exception {
        rowsOnceThere("", 1);
        api.post(path("/admins"), Map.of("email", uniqueEmail("keeper"), "password", "keeper-password-1"));
        WatchingPage watching = watchingPage("page-watcher");
        api.post(path("/teams"), Map.of("name", "Seen on the page"));
        String seen = rowsOnceThere("?action=team.created&limit=1", 1)
                .get(0)
                .get("position")
                .asText();
        // the rows of the admins added above may come first: the projection writes them in the background
        awaitLine(watching.lines(), line -> line.equals("id:" + seen));

        // the password changed elsewhere: this session is signed out, and its stream sends nothing more
        Http elsewhere = Http.to("http://localhost:" + port).basic(watching.email(), watching.password());
        assertThat(elsewhere
                        .post(
                                "/api/account/password",
                                Map.of("currentPassword", watching.password(), "newPassword", "a-new-password-2"))
                        .status())
                .isEqualTo(204);
        assertEndsBeforeTheNextRow(watching, "Not for a signed-out page");
    }

    @Test
    void theControlPanelsStreamEndsOnceItsSessionIsSignedOutInAnotherTab() throws Exception {
        WatchingPage watching = watchingPage("tab-watcher");

        // another tab of the same browser signs out: the session is gone from the store, which the stream's request
        // read when it began
        var signedOut = watching.page().submit("/orgs/" + org + "/activity", "/logout");
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).contains("/login?logout");
        assertEndsBeforeTheNextRow(watching, "Not for a page signed out");
    }

    @Test
    void aClientThatStopsReadingHoldsUpNoOtherStream() throws Exception {
        // another organization whose timeline is large: each row carries an 800,000-character profile
        String crowded = Fixtures.createOrganization(api, "Crowded");
        api.post("/api/orgs/" + crowded + "/provisioning/enable", null);
        OrganizationId crowdedId = new OrganizationId(crowded);
        for (int i = 0; i < 10; i++) {
            provisionLargeMember(crowdedId);
        }
        // three clients of it that never read: two resuming from the start, one live
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (String lastEventId : java.util.Arrays.asList("0", "0", null)) {
                java.net.Socket socket = new java.net.Socket();
                socket.setReceiveBufferSize(1024);
                socket.connect(new java.net.InetSocketAddress("localhost", port));
                socket.getOutputStream()
                        .write(("GET /api/orgs/" + crowded + "/activity/stream HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Accept: text/event-stream\r\nAuthorization: Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((ApplicationTest.ADMIN + ":" + ApplicationTest.PASSWORD)
                                                        .getBytes(StandardCharsets.UTF_8))
                                        + (lastEventId == null ? "" : "\r\nLast-Event-ID: " + lastEventId)
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                stalled.add(socket);
            }
            Thread.sleep(500);
            // more large rows, live, for the client that does not read them
            for (int i = 0; i < 6; i++) {
                provisionLargeMember(crowdedId);
            }

            // this organization's stream, opened now, still gets its rows at once
            rowsOnceThere("", 1);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            CompletableFuture<HttpResponse<Stream<String>>> stream = openStream(null, lines);
            awaitLine(lines, line -> line.startsWith(":live"));
            api.post(path("/teams"), Map.of("name", "Not held up"));
            assertThat(awaitLine(lines, line -> line.contains("Not held up"))).contains("team.created");
            stream.cancel(true);
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aReadRightAfterAWriteShowsItsRow() throws Exception {
        rowsOnceThere("", 1);
        for (int i = 0; i < 15; i++) {
            String name = "Just made " + i;
            api.post(path("/teams"), Map.of("name", name));
            JsonNode newest = api.get(path("/activity?limit=1")).json().get("items");
            assertThat(newest.toString())
                    .as("the newest row right after the write")
                    .contains(name);
        }
        api.post(path("/teams"), Map.of("name", "Just exported"));
        assertThat(api.get(path("/activity/export?format=csv")).text()).contains("Just exported");

        // the Control Panel's timeline and its export alike
        FormSession page = FormSession.signIn(port, ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        for (int i = 0; i < 5; i++) {
            String name = "Just shown " + i;
            api.post(path("/teams"), Map.of("name", name));
            assertThat(page.get("/orgs/" + org + "/activity", false).body()).contains(name);
        }
        api.post(path("/teams"), Map.of("name", "Just downloaded"));
        assertThat(page.get("/orgs/" + org + "/activity/export?format=csv", false)
                        .body())
                .contains("Just downloaded");
    }

    @Test
    void anAdminHoldsOnlySoManyStreamsOpenAtOnce() throws Exception {
        rowsOnceThere("", 1);
        String email = uniqueEmail("many-streams");
        String password = "streams-password-1";
        api.post(path("/admins"), Map.of("email", email, "password", password));
        List<java.net.Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIVE_STREAMS_PER_ADMIN; i++) {
                java.net.Socket socket = rawStream(email, password);
                open.add(socket);
                assertThat(RawStreams.statusLine(socket)).contains(" 200");
            }

            // one more is refused, the JSON API's and the Control Panel's alike, before its answer starts
            Http.Response refused = Http.to("http://localhost:" + port)
                    .basic(email, password)
                    .header("Accept", "text/event-stream")
                    .get(path("/activity/stream"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("too-many-streams");
            // a stream its client left frees its place at its second keep-alive at the latest
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.json().get("detail").asText())
                    .contains(LIVE_STREAMS_PER_ADMIN + " live activity streams open already");
            // the Control Panel's page is told why in the stream (a browser can not read a 429), and to ask again later
            FormSession page = FormSession.signIn(port, email, password);
            BlockingQueue<String> pageLines = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> pageStream = page.stream("/orgs/" + org + "/activity/stream", pageLines, ENDED)
                    .get(10, TimeUnit.SECONDS);
            assertThat(pageStream.statusCode()).isEqualTo(200);
            assertThat(awaitLine(pageLines, line -> !line.isEmpty())).isEqualTo("retry:10000");
            assertThat(awaitLine(pageLines, line -> !line.isEmpty())).isEqualTo("event:refused");
            assertThat(awaitLine(pageLines, line -> !line.isEmpty()))
                    .startsWith("data:Live updates are paused: your account has " + LIVE_STREAMS_PER_ADMIN
                            + " live Activity pages or streams open already");
            assertThat(awaitLine(pageLines, line -> !line.isEmpty())).isEqualTo(ENDED);

            // another admin's streams are theirs to count
            java.net.Socket other = rawStream(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
            open.add(other);
            assertThat(RawStreams.statusLine(other)).contains(" 200");

            // one of them closed: its place is free again once the stream finds its client gone (at its next write)
            open.remove(0).close();
            int status = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (status != 200 && System.nanoTime() < deadline) {
                api.post(path("/teams"), Map.of("name", "A row to write " + System.nanoTime()));
                Thread.sleep(200);
                java.net.Socket again = rawStream(email, password);
                open.add(again);
                status = Integer.parseInt(RawStreams.statusLine(again).split(" ")[1]);
            }
            assertThat(status).isEqualTo(200);
        } finally {
            for (java.net.Socket socket : open) {
                socket.close();
            }
        }
    }

    /** As many live streams as one admin may hold open at once on a node, by default. */
    private static final int LIVE_STREAMS_PER_ADMIN = 16;

    /** A live stream of this organization opened over a plain socket, its answer not read yet. */
    private java.net.Socket rawStream(String email, String password) throws java.io.IOException {
        return RawStreams.open(port, path("/activity/stream"), email, password);
    }

    private void provisionLargeMember(OrganizationId organization) {
        String email = uniqueEmail("large");
        Map<String, Object> attributes = new java.util.HashMap<>();
        // the timeline shows at most 2,000 characters of a value: 400 of them
        for (int i = 0; i < 400; i++) {
            attributes.put("urn:example:large:attribute" + i, "x".repeat(2_000));
        }
        provisionMember(commands, organization, email, attributes);
    }

    private static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // the last lines passed over, for the failure's message: an answer refused, or a stream ended, shows there
        Deque<String> passed = new ArrayDeque<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line != null) {
                passed.addLast(line.length() > 200 ? line.substring(0, 200) + "…" : line);
                if (passed.size() > 5) {
                    passed.removeFirst();
                }
            }
        }
        throw new AssertionError("No such line on the stream within 10 s; the last lines passed over: " + passed);
    }
}
