package com.controlpanel.provisioning.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.rebuild.ClusterLocks;
import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.rebuild.WriteGate;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PausedCommit;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of the service on one PostgreSQL database (one schema), as an operator runs them behind a load balancer:
 * a rebuild started on one node holds the writes of both while it switches, the other node reads and writes the
 * switched read models at once, and a second rebuild is refused on either node while one runs.
 */
@ExtendWith(PostgresAvailable.class)
class PostgresClusterRebuildTest {

    private static final String ADMIN = "cluster-operator@example.com";
    private static final String PASSWORD = "cluster-password-1";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static String org;

    @BeforeAll
    static void startTwoNodes() {
        String url = PostgresAvailable.emptySchema("cluster_test");
        nodeA = start(url);
        nodeB = start(url);
        org = api(nodeA).get("/api/orgs").json().get(0).get("id").asText();
    }

    @AfterAll
    static void stopNodes() {
        Nodes.stop(nodeB, nodeA);
    }

    private static ConfigurableApplicationContext start(String url) {
        // a write waits at most 3 s for a rebuild's hold, then is refused with "retry"
        return Nodes.onPostgres(url, ADMIN, PASSWORD, "--provisioning.rebuild-write-wait=3s");
    }

    private static Http api(ConfigurableApplicationContext node) {
        return Http.to("http://localhost:" + Nodes.port(node)).basic(ADMIN, PASSWORD);
    }

    private static Http.Response invite(ConfigurableApplicationContext node, String email) {
        return api(node).post("/api/orgs/" + org + "/members", Map.of("email", email, "name", "Cluster Person"));
    }

    private static boolean listed(ConfigurableApplicationContext node, String email) {
        JsonNode page =
                api(node).get("/api/orgs/" + org + "/members?q=" + email).json();
        return page.get("items").findValuesAsText("email").contains(email);
    }

    @Test
    void bothNodesAddingMembersToOneTeamAtOnceLoseNoneAndFailNone() throws Exception {
        String team = api(nodeA)
                .post("/api/orgs/" + org + "/teams", Map.of("name", "Both Nodes " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(invite(nodeA, "both-" + i + "-" + System.nanoTime() + "@example.com")
                    .json()
                    .get("id")
                    .asText());
        }
        // each add appends to the one team: the two nodes race for its next sequence number
        List<CompletableFuture<Http.Response>> adds = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < members.size(); i++) {
                ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
                String member = members.get(i);
                adds.add(CompletableFuture.supplyAsync(
                        () -> api(node)
                                .post("/api/orgs/" + org + "/teams/" + team + "/members", Map.of("memberId", member)),
                        pool));
            }
            for (CompletableFuture<Http.Response> add : adds) {
                Http.Response response = add.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isBetween(200, 204);
            }
        } finally {
            pool.shutdownNow();
        }
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            assertThat(api(node)
                            .get("/api/orgs/" + org + "/teams/" + team)
                            .json()
                            .get("memberCount")
                            .asInt())
                    .isEqualTo(members.size());
        }
    }

    @Test
    void oneOrganizationsWritesOnBothNodesAreStoredInTheOrderTheyHappenedSoARebuildVerifiesEqual() throws Exception {
        // members renamed on one node while the other adds them to a team and takes them out: a team's Activity row
        // names the member as it was then, the same live as on a rebuild only if the organization's events commit
        // in the order they are stored in, across the nodes
        String team = api(nodeA)
                .post("/api/orgs/" + org + "/teams", Map.of("name", "Renamed Meanwhile " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(invite(nodeA, "renamed-" + i + "-" + System.nanoTime() + "@example.com")
                    .json()
                    .get("id")
                    .asText());
        }
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2 * members.size());
        try {
            for (String member : members) {
                loops.add(CompletableFuture.runAsync(
                        () -> {
                            for (int round = 0; System.nanoTime() < until; round++) {
                                Http.Response renamed = api(nodeA)
                                        .patch(
                                                "/api/orgs/" + org + "/members/" + member,
                                                Map.of("givenName", "Round " + round));
                                if (renamed.status() != 200) {
                                    failures.add(renamed.toString());
                                }
                            }
                        },
                        pool));
                loops.add(CompletableFuture.runAsync(
                        () -> {
                            while (System.nanoTime() < until) {
                                Http.Response added = api(nodeB)
                                        .post(
                                                "/api/orgs/" + org + "/teams/" + team + "/members",
                                                Map.of("memberId", member));
                                Http.Response removed =
                                        api(nodeB).delete("/api/orgs/" + org + "/teams/" + team + "/members/" + member);
                                if (added.status() >= 300 || removed.status() >= 300) {
                                    failures.add(added + " / " + removed);
                                }
                            }
                        },
                        pool));
            }
            for (CompletableFuture<Void> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();

        RebuildProgress result = nodeA.getBean(RebuildService.class).runNow();

        assertThat(result.status()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(result.verification())
                .allSatisfy(
                        table -> assertThat(table.equal()).as(table.toString()).isTrue());
    }

    @Test
    void whileARebuildHoldsTheWritesOfItsNodeTheOtherNodeWritesWaitToo() throws Exception {
        WriteGate gateOfA = nodeA.getBean(WriteGate.class);
        assertThat(gateOfA.cluster().acrossNodes()).isTrue();
        List<CompletableFuture<Http.Response>> waiting = new ArrayList<>();
        gateOfA.closedWhile(() -> {
            waiting.add(
                    CompletableFuture.supplyAsync(() -> invite(nodeB, "held-" + System.nanoTime() + "@example.com")));
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(waiting.get(0))
                    .as("a write on node B while node A holds the writes")
                    .isNotDone();
        });
        assertThat(waiting.get(0).get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
    }

    @Test
    void aWriteHeldLongerThanItMayWaitIsRefusedWithRetryAndChangesNothing() {
        String email = "held-too-long-" + System.nanoTime() + "@example.com";
        Http.Response[] answer = new Http.Response[1];
        nodeA.getBean(WriteGate.class).closedWhile(() -> answer[0] = invite(nodeB, email));

        assertThat(answer[0].status()).as(answer[0].toString()).isEqualTo(503);
        assertThat(answer[0].header("Retry-After")).isNotBlank();
        assertThat(answer[0].json().get("code").asText()).isEqualTo("writes-held");
        assertThat(listed(nodeA, email)).isFalse();
        assertThat(invite(nodeB, email).status()).isEqualTo(201);
    }

    @Test
    void writesOnTheOtherNodeDuringAndAfterARebuildLandInTheLiveReadModels() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(invite(nodeA, "before-" + i + "-" + System.nanoTime() + "@example.com")
                            .status())
                    .isEqualTo(201);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (writing.get()) {
                String email = "during-" + i++ + "-" + System.nanoTime() + "@example.com";
                Http.Response answer = invite(nodeB, email);
                synchronized (acknowledged) {
                    if (answer.status() == 201) {
                        acknowledged.add(email);
                    } else {
                        refused.add(answer.status() + " " + answer.text());
                    }
                }
            }
        });
        RebuildProgress rebuilt;
        try {
            // into fresh tables: the writes of node B go on while node A switches
            rebuilt = nodeA.getBean(RebuildService.class).runNow(true);
        } finally {
            // a few writes after the switch too
            Thread.sleep(300);
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
        assertThat(rebuilt.status()).as(String.valueOf(rebuilt.error())).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(rebuilt.verified())
                .as(String.valueOf(rebuilt.verification()))
                .isTrue();
        assertThat(refused)
                .as("writes on node B while node A rebuilt and switched")
                .isEmpty();
        // the rebuilt tables were analyzed after their bulk load: the planner would see them as they were (empty)
        JdbcTemplate database = nodeA.getBean(JdbcTemplate.class);
        String live = database.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        assertThat(analyzedWithin(database, "dir_member_" + live, Duration.ofSeconds(5)))
                .as("dir_member_" + live + " analyzed")
                .isTrue();
        assertThat(acknowledged).isNotEmpty();

        // every write node B acknowledged is in the read models both nodes now read
        for (String email : acknowledged) {
            assertThat(listed(nodeA, email)).as(email + " on node A").isTrue();
            assertThat(listed(nodeB, email)).as(email + " on node B").isTrue();
        }
        String afterwards = "after-" + System.nanoTime() + "@example.com";
        assertThat(invite(nodeB, afterwards).status()).isEqualTo(201);
        assertThat(listed(nodeA, afterwards)).isTrue();

        // and the live read models are exactly what the events give: a rebuild on the other node finds them equal
        RebuildProgress again = nodeB.getBean(RebuildService.class).runNow();
        assertThat(again.verified()).as(String.valueOf(again.verification())).isTrue();
        assertThat(again.replaced()).as("verified in place, on PostgreSQL").isEmpty();
    }

    @Test
    void aWriteRightAfterASwitchWhoseNodeStoppedLandsInTheNewLiveReadModels() throws Exception {
        // both slots alike: a rebuild into fresh tables, and nothing written since
        RebuildProgress rebuilt = nodeA.getBean(RebuildService.class).runNow(true);
        assertThat(rebuilt.verified())
                .as(String.valueOf(rebuilt.verification()))
                .isTrue();
        assertThat(listed(nodeB, "nobody-" + System.nanoTime() + "@example.com"))
                .isFalse(); // node B has just read which slot is live

        // what a rebuilding node does when it switches, and then stops at once: its hold of the writes ends with it
        JdbcTemplate database = nodeA.getBean(JdbcTemplate.class);
        database.update("UPDATE projection_slot SET live_slot = CASE live_slot WHEN 'a' THEN 'b' ELSE 'a' END,"
                + " switched_at = CURRENT_TIMESTAMP");
        String email = "right-after-" + System.nanoTime() + "@example.com";
        long started = System.nanoTime();
        assertThat(invite(nodeB, email).status()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the write waited until every node had read the switch")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));

        Thread.sleep(1500); // longer than any node uses the slot it read
        assertThat(listed(nodeB, email)).as("on node B").isTrue();
        assertThat(listed(nodeA, email)).as("on node A").isTrue();
        String live = database.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        assertThat(database.queryForObject(
                        "SELECT COUNT(*) FROM dir_member_" + live + " WHERE email = ?", Integer.class, email))
                .isEqualTo(1);
    }

    @Test
    void aRebuildIsRefusedOnEitherNodeWhileOneRuns() {
        ClusterLocks.Lease running =
                nodeA.getBean(WriteGate.class).cluster().tryRebuild().orElseThrow();
        try {
            Http.Response refused = api(nodeB).post("/api/admin/rebuild", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("another node");
            assertThat(nodeB.getBean(WriteGate.class).cluster().tryRebuild()).isEmpty();
        } finally {
            running.close();
        }
        Http.Response started = api(nodeB).post("/api/admin/rebuild", null);
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asText();

        // followed from the other node, as behind a load balancer
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Http.Response followed = api(nodeA).get("/api/admin/rebuild/" + id);
        while (followed.status() == 200
                && followed.json().get("status").asText().equals("RUNNING")
                && System.nanoTime() < deadline) {
            followed = api(nodeA).get("/api/admin/rebuild/" + id);
        }
        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);
        JsonNode progress = followed.json();
        assertThat(progress.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(progress.get("verified").asBoolean()).as(progress.toString()).isTrue();
        assertThat(progress.get("verification")).isNotEmpty();
        assertThat(api(nodeB).get("/api/admin/rebuild/" + id).json()).isEqualTo(progress);
    }

    @Test
    void theStateAsOfAnInstantOnOneNodeWaitsForAWriteOfThatInstantCommittingOnTheOther() throws Exception {
        // node A's write has stamped its event and not committed it; node B, asked for the state as of that instant,
        // waits for it (the organization's lock, which A's write holds in its transaction), not for anything of its own
        try (PausedCommit paused =
                PausedCommit.ofNextCommand(nodeA.getBean(CommandBus.class), new OrganizationId(org))) {
            String email = "in-flight-" + System.nanoTime() + "@example.com";
            CompletableFuture<Http.Response> invited = CompletableFuture.supplyAsync(() -> invite(nodeA, email));
            assertThat(paused.awaitStamped()).isTrue();
            Instant at = Instant.now();
            CompletableFuture<Http.Response> asked =
                    CompletableFuture.supplyAsync(() -> api(nodeB).get("/api/orgs/" + org + "/state?at=" + at));
            Thread.sleep(500);
            assertThat(asked)
                    .as("answered while a write of the instant was committing on node A")
                    .isNotDone();

            paused.commit();
            assertThat(invited.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            Http.Response state = asked.get(30, TimeUnit.SECONDS);
            assertThat(state.status()).as(state.toString()).isEqualTo(200);
            assertThat(state.json().get("members").findValuesAsText("userName")).contains(email);
        }
    }

    @Test
    void theStateAsOfAnInstantWhoseWriteIsHeldLongerThanTheWaitIsAskedForAgainLater() throws Exception {
        // a transaction of node A holds the organization's lock past the write wait (3 s here): node B says so
        DataSource database = nodeA.getBean(DataSource.class);
        try (Connection holding = database.getConnection()) {
            holding.setAutoCommit(false);
            try (Statement statement = holding.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('provisioning.organization.' ||"
                        + " current_schema()), " + org.hashCode() + ")");
            }
            Http.Response state = api(nodeB).get("/api/orgs/" + org + "/state?at=" + Instant.now());
            assertThat(state.status()).as(state.toString()).isEqualTo(503);
            assertThat(state.json().get("code").asText()).isEqualTo("writes-held");
            assertThat(state.json().get("detail").asText()).contains("still being saved");
            assertThat(state.header("Retry-After")).isNotNull();
            holding.rollback();
        }
        assertThat(api(nodeB)
                        .get("/api/orgs/" + org + "/state?at=" + Instant.now())
                        .status())
                .isEqualTo(200);
    }

    private static boolean analyzedWithin(JdbcTemplate database, String table, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            Integer analyzed = database.queryForObject(
                    "SELECT COUNT(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ?"
                            + " AND last_analyze IS NOT NULL",
                    Integer.class,
                    table);
            if (analyzed != null && analyzed > 0) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
