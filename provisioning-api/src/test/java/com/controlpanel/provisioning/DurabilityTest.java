package com.controlpanel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.config.FirstStart;
import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.WastefulH2File;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What was acknowledged survives a stop and a start on the same data directory, and a crash of the process. */
@ExtendWith(OutputCaptureExtension.class)
class DurabilityTest {

    private static final String ADMIN = "durable@example.com";
    private static final String PASSWORD = "durable-password-1";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return start(ADMIN, PASSWORD);
    }

    private ConfigurableApplicationContext start(String adminEmail, String adminPassword, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--provisioning.data-dir=" + dataDir));
        if (adminEmail != null) {
            arguments.add("--provisioning.admin-email=" + adminEmail);
        }
        if (adminPassword != null) {
            arguments.add("--provisioning.admin-password=" + adminPassword);
        }
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(ProvisioningApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int status(ConfigurableApplicationContext node, String email, String password) {
        return Http.to("http://localhost:" + Nodes.port(node))
                .basic(email, password)
                .get("/api/orgs")
                .status();
    }

    /**
     * The first admin's settings apply to the first start only; a later start with a new password and the reset
     * switch sets it (a lost password), and one naming an admin that does not exist is refused.
     */
    @Test
    void aLostAdminPasswordIsResetByOneStartWithTheResetSwitch(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(status(first, ADMIN, PASSWORD)).isEqualTo(200);
        }
        int before = output.getOut().length();
        try (ConfigurableApplicationContext ignored = start(ADMIN, "another-password-2")) {
            assertThat(status(ignored, ADMIN, "another-password-2")).isEqualTo(401);
            assertThat(status(ignored, ADMIN, PASSWORD)).isEqualTo(200);
            assertThat(ignored.getBean(FirstStart.class).adminToSignInAs()).isEqualTo(ADMIN);
        }
        // the warning names what was set and is ignored: the password only, the email naming an admin who exists
        assertThat(output.getOut().substring(before))
                .contains("PROVISIONING_ADMIN_PASSWORD applies to the first start only and is ignored now")
                .doesNotContain("PROVISIONING_ADMIN_EMAIL (");
        before = output.getOut().length();
        try (ConfigurableApplicationContext unknown = start("nobody@example.com", "another-password-2")) {
            assertThat(unknown.getBean(FirstStart.class).adminToSignInAs())
                    .as("the banner names an admin who exists")
                    .isEqualTo(ADMIN);
        }
        assertThat(output.getOut().substring(before))
                .contains("PROVISIONING_ADMIN_EMAIL (nobody@example.com, no admin) and PROVISIONING_ADMIN_PASSWORD"
                        + " apply to the first start only and are ignored now");
        before = output.getOut().length();
        try (ConfigurableApplicationContext plain = start(null, null)) {
            assertThat(status(plain, ADMIN, PASSWORD)).isEqualTo(200);
        }
        assertThat(output.getOut().substring(before))
                .as("a later start that sets neither")
                .doesNotContain("ignored now");
        try (ConfigurableApplicationContext reset =
                start(ADMIN, "another-password-2", "--provisioning.admin-password-reset=true")) {
            assertThat(status(reset, ADMIN, "another-password-2")).isEqualTo(200);
            assertThat(status(reset, ADMIN, PASSWORD)).isEqualTo(401);
            // the start-up summary names the password just set, not the first start's, and what to remove
            assertThat(output.getOut())
                    .contains("Log in as     : " + ADMIN + "  with the password this start set from"
                            + " PROVISIONING_ADMIN_PASSWORD (remove it, PROVISIONING_ADMIN_PASSWORD_RESET and"
                            + " PROVISIONING_ADMIN_EMAIL before the next start)");
        }
        assertThatThrownBy(() ->
                        start("nobody@example.com", "third-password-3", "--provisioning.admin-password-reset=true"))
                .hasStackTraceContaining("there is no admin nobody@example.com");
    }

    /** The Tenant URL, its tenant id and the Secret Token of an organization's provisioning, switched on. */
    private record Provisioning(String tenantUrl, String tenant, String token) {}

    private static Provisioning enableProvisioning(Http api, String org) {
        JsonNode enabled =
                api.post("/api/orgs/" + org + "/provisioning/enable", null).json();
        String tenantUrl = enabled.get("tenantUrl").asText();
        return new Provisioning(
                tenantUrl,
                tenantUrl.substring(tenantUrl.lastIndexOf('/') + 1),
                enabled.get("secretToken").asText());
    }

    private static Http api(ConfigurableApplicationContext context) {
        return Http.to("http://localhost:" + Nodes.port(context)).basic(ADMIN, PASSWORD);
    }

    /**
     * H2 shuts its database down under the running service, as it does when a write to its file fails (a full disk):
     * every pooled connection is of a closed database. The service opens the database again by itself, without a
     * restart: what was stored is there and writes go on.
     */
    @Test
    void aDatabaseH2ShutDownUnderTheServiceIsOpenedAgainWithoutARestart() throws Exception {
        try (ConfigurableApplicationContext node = start()) {
            Http scim = scimWithOneUser(node, "before.shutdown@example.com");
            // every connection of the pool taken at once: all of them are of the database shut down
            List<java.sql.Connection> pooled = new ArrayList<>();
            javax.sql.DataSource dataSource = node.getBean(javax.sql.DataSource.class);
            for (int i = 0; i < 5; i++) {
                pooled.add(dataSource.getConnection());
            }
            try (java.sql.Statement statement = pooled.get(0).createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            } catch (java.sql.SQLException expected) {
                // the connection that shut it down is closed with it
            }
            for (java.sql.Connection connection : pooled) {
                try {
                    connection.close();
                } catch (java.sql.SQLException expected) {
                    // given back to the pool, whose rollback finds the database closed
                }
            }

            Http.Response read = awaitAnswered(scim, "before.shutdown@example.com");
            assertThat(read.json().get("totalResults").asInt()).isEqualTo(1);
            assertThat(createUser(scim, "after.shutdown@example.com").status()).isEqualTo(201);
            assertThat(Http.to("http://localhost:" + Nodes.port(node))
                            .get("/actuator/health/readiness")
                            .status())
                    .isEqualTo(200);
        }
    }

    /**
     * After a write to its file failed, H2 shuts its database down, and the pool opens it afresh. Each statement on a
     * session of the old database then shuts that one down again ({@code SessionLocal.getTransaction}), which makes H2
     * forget by name the database opened afresh while it holds the file. A write stored in that database is written
     * through it and answered 201: never 503 for a User that was kept.
     */
    @Test
    void aWriteAfterH2ForgotTheDatabaseOpenedAfreshIsAnsweredAsStored() throws Exception {
        try (ConfigurableApplicationContext node = start()) {
            Http scim = scimWithOneUser(node, "before.shutdown@example.com");
            org.h2.engine.Database old;
            try (java.sql.Connection connection =
                    node.getBean(javax.sql.DataSource.class).getConnection()) {
                old = ((org.h2.engine.SessionLocal) connection
                                .unwrap(org.h2.jdbc.JdbcConnection.class)
                                .getSession())
                        .getDatabase();
            }
            // what H2 does when a write to its file failed (a full disk)
            old.shutdownImmediately();
            assertThat(awaitAnswered(scim, "before.shutdown@example.com")
                            .json()
                            .get("totalResults")
                            .asInt())
                    .as("the database opened afresh")
                    .isEqualTo(1);
            // a statement on a session of the old database: H2 forgets the one opened afresh, by its name
            old.shutdownImmediately();

            Http.Response created = createUser(scim, "after.forgotten@example.com");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Http.Response next = createUser(scim, "next.after.forgotten@example.com");
            assertThat(next.status()).as(next.toString()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext again = start()) {
            Http api = api(again);
            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            assertThat(api.get("/api/orgs/" + org + "/members?q=forgotten")
                            .json()
                            .get("total")
                            .asInt())
                    .as("both Users kept")
                    .isEqualTo(2);
        }
    }

    /** SCIM of the node's organization, provisioning switched on, with one User created. */
    private static Http scimWithOneUser(ConfigurableApplicationContext node, String userName) {
        Http api = api(node);
        String org = api.get("/api/orgs").json().get(0).get("id").asText();
        Provisioning provisioning = enableProvisioning(api, org);
        Http scim = Http.to(provisioning.tenantUrl()).bearer(provisioning.token());
        assertThat(createUser(scim, userName).status()).isEqualTo(201);
        return scim;
    }

    /** The lookup of a User by its userName, asked again until answered 200 (15 s at most). */
    private static Http.Response awaitAnswered(Http scim, String userName) throws InterruptedException {
        String lookup = "/Users?filter="
                + java.net.URLEncoder.encode(
                        "userName eq \"" + userName + "\"", java.nio.charset.StandardCharsets.UTF_8);
        Http.Response read = scim.get(lookup);
        Instant deadline = Instant.now().plusSeconds(15);
        while (read.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            read = scim.get(lookup);
        }
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read;
    }

    private static Http.Response createUser(Http scim, String userName) {
        return scim.post(
                "/Users",
                Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", userName));
    }

    @Test
    void everyMemberTeamAndSettingSurvivesARestart() {
        String org;
        String member;
        String team;
        String tenant;
        String token;
        try (ConfigurableApplicationContext first = start()) {
            Http api = api(first);
            org = api.get("/api/orgs").json().get(0).get("id").asText();
            Provisioning provisioning = enableProvisioning(api, org);
            token = provisioning.token();
            tenant = provisioning.tenant();
            team = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Survivors"))
                    .json()
                    .get("id")
                    .asText();
            member = api.post(
                            "/api/orgs/" + org + "/members",
                            Map.of("email", "kept@example.com", "name", "Kept Person", "teamIds", List.of(team)))
                    .json()
                    .get("id")
                    .asText();
            assertThat(api.patch("/api/orgs/" + org + "/members/" + member, Map.of("active", false))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(Files.exists(dataDir.resolve("provisioning.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            Http api = api(second);
            assertThat(api.get("/api/orgs").json().findValuesAsText("id")).containsExactly(org);
            JsonNode kept = api.get("/api/orgs/" + org + "/members/" + member).json();
            assertThat(kept.get("email").asText()).isEqualTo("kept@example.com");
            assertThat(kept.get("status").asText()).isEqualTo("DEACTIVATED");
            assertThat(kept.get("teams").get(0).get("name").asText()).isEqualTo("Survivors");
            assertThat(api.get("/api/orgs/" + org + "/teams/" + team)
                            .json()
                            .get("memberCount")
                            .asInt())
                    .isEqualTo(1);
            assertThat(api.get("/api/orgs/" + org + "/provisioning")
                            .json()
                            .get("enabled")
                            .asBoolean())
                    .isTrue();
            assertThat(second.getBean(TenantCredentials.class).verify(tenant, token))
                    .isPresent();
            // the first admin was created once: the configured password still works, no second organization
            assertThat(api.get("/api/orgs").json().size()).isEqualTo(1);
        }
    }

    /**
     * A file grown far beyond what it holds (as a long Okta push leaves it) is compacted by the next start, before
     * anything opens it: the start says so, the file shrinks, and everything stored is there and writes go on.
     */
    @Test
    void aFileGrownMostlyUnusedIsCompactedByTheNextStartAndKeepsEverything(CapturedOutput output) throws Exception {
        String org;
        String member;
        try (ConfigurableApplicationContext first = start()) {
            Http api = api(first);
            org = api.get("/api/orgs").json().get(0).get("id").asText();
            member = api.post("/api/orgs/" + org + "/members", Map.of("email", "compacted@example.com"))
                    .json()
                    .get("id")
                    .asText();
        }
        Path file = dataDir.resolve("provisioning.mv.db");
        WastefulH2File.write("jdbc:h2:file:" + dataDir.resolve("provisioning"), false);
        long grown = Files.size(file);

        try (ConfigurableApplicationContext second = start(ADMIN, PASSWORD, "--provisioning.h2.compact-above=1MB")) {
            assertThat(output.getOut())
                    .contains("Compacted the embedded database's file " + file + ": " + grown / (1024 * 1024) + " MB");
            assertThat(Files.size(file)).isLessThan(grown / 2);
            Http api = api(second);
            assertThat(api.get("/api/orgs/" + org + "/members/" + member)
                            .json()
                            .get("email")
                            .asText())
                    .isEqualTo("compacted@example.com");
            assertThat(api.post("/api/orgs/" + org + "/members", Map.of("email", "after.compaction@example.com"))
                            .status())
                    .isEqualTo(201);
        }
    }

    /**
     * While the service runs, a file that SCIM writes grew beyond what it holds is compacted once no command has
     * written for the time set: the database stays open, everything stored is there, and writes go on.
     */
    /**
     * A rebuild still reported running when the process went away (killed: no chance to record how it ended) is
     * reported failed by the next start on the embedded store at once, not 30 s later while a new one may run.
     */
    @Test
    void aRebuildTheProcessLeftRunningIsReportedFailedRightAfterTheNextStart() {
        String id = java.util.UUID.randomUUID().toString();
        Instant startedAt = Instant.now();
        try (ConfigurableApplicationContext node = start()) {
            // what a process killed while replaying leaves behind: its last report, a moment ago
            node.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .update(
                            "INSERT INTO rebuild_job (rebuild_id, status, started_at, reported_at, progress)"
                                    + " VALUES (?, 'RUNNING', ?, ?, ?)",
                            id,
                            java.sql.Timestamp.from(startedAt),
                            java.sql.Timestamp.from(startedAt),
                            "{\"id\":\"" + id + "\",\"status\":\"RUNNING\",\"phase\":\"Replaying events\","
                                    + "\"eventsDone\":500,\"eventsTotal\":900,\"eventsPerSecond\":100.0,"
                                    + "\"startedAt\":\"" + startedAt + "\",\"phases\":[]}");
            assertThat(api(node)
                            .get("/api/admin/rebuild/" + id)
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("RUNNING");
        }
        try (ConfigurableApplicationContext node = start()) {
            JsonNode rebuild = api(node).get("/api/admin/rebuild/" + id).json();
            assertThat(rebuild.get("status").asText()).isEqualTo("FAILED");
            assertThat(rebuild.get("error").asText())
                    .startsWith("The service stopped while this rebuild ran")
                    .contains("It had not switched");
            assertThat(rebuild.get("eventsDone").asLong()).isEqualTo(500);
        }
    }

    @Test
    void aFileGrownMostlyUnusedIsCompactedOnceTheServiceIsIdle(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext node = start(
                ADMIN,
                PASSWORD,
                "--provisioning.h2.compact-at-start=false",
                "--provisioning.h2.compact-above=1MB",
                "--provisioning.h2.compact-idle-after=3s")) {
            Http api = api(node);
            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            Provisioning provisioning = enableProvisioning(api, org);
            Http scim = Http.to(provisioning.tenantUrl()).bearer(provisioning.token());
            Path file = dataDir.resolve("provisioning.mv.db");
            long grown = 0;
            for (int i = 0; i < 400; i++) {
                assertThat(createUser(scim, "idle" + i + "@example.com").status())
                        .isEqualTo(201);
                grown = Math.max(grown, Files.size(file));
            }

            // "Compacted part of" too: a database this small stays partly unused however compact its file
            Pattern compacted = Pattern.compile(
                    "Compacted (part of )?the embedded database's file " + Pattern.quote(file.toString()));
            // a try whose steps stop gaining early is followed by another after the next quiet spell (three at most)
            Instant deadline = Instant.now().plusSeconds(60);
            while ((!compacted.matcher(output.getOut()).find() || Files.size(file) >= grown / 2)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }

            assertThat(output.getOut()).containsPattern(compacted);
            assertThat(Files.size(file)).isLessThan(grown / 2);
            assertThat(scim.get("/Users?count=1").json().get("totalResults").asInt())
                    .isEqualTo(400);
            assertThat(createUser(scim, "after.compaction@example.com").status())
                    .isEqualTo(201);
        }
    }

    /**
     * The process is killed (SIGKILL: no shutdown hook, no closing of the database) right after the last answer:
     * every write it answered 2xx is there when it starts again. H2 writes commits to its file in groups; each
     * request waits for the group that holds its commit.
     */
    @Test
    void everyAnsweredWriteSurvivesTheProcessBeingKilled() throws Exception {
        int port = freePort();
        Process process = startProcess(port);
        String org;
        String tenant;
        String token;
        List<String> userNames = new ArrayList<>();
        try {
            Http api = Http.to("http://localhost:" + port).basic(ADMIN, PASSWORD);
            awaitHealthy(api, process);
            // a first start on a fresh data directory warns of nothing (operators alert on warnings)
            assertThat(Files.readAllLines(Path.of("target", "durability-crash-process.log")))
                    .noneMatch(line -> line.matches(".*\\bWARN\\b.*"));
            org = api.get("/api/orgs").json().get(0).get("id").asText();
            Provisioning provisioning = enableProvisioning(api, org);
            token = provisioning.token();
            tenant = provisioning.tenant();
            Http scim = Http.to(provisioning.tenantUrl()).bearer(token);
            for (int i = 0; i < 40; i++) {
                String userName = "crash" + i + "@example.com";
                Http.Response created = scim.send(
                        "POST",
                        "/Users",
                        Map.of(
                                "schemas",
                                List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                                "userName",
                                userName,
                                "name",
                                Map.of("givenName", "Crash", "familyName", "Test " + i),
                                "active",
                                true),
                        "application/scim+json");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                userNames.add(userName);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (ConfigurableApplicationContext restarted = start()) {
            Http api = api(restarted);
            JsonNode members =
                    api.get("/api/orgs/" + org + "/members?limit=100").json();
            assertThat(members.findValuesAsText("email")).containsAll(userNames);
            assertThat(api.get("/api/orgs/" + org + "/provisioning")
                            .json()
                            .get("enabled")
                            .asBoolean())
                    .isTrue();
            assertThat(restarted.getBean(TenantCredentials.class).verify(tenant, token))
                    .isPresent();
        }
    }

    private Process startProcess(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ProvisioningApplication.class.getName(),
                "--server.port=" + port,
                "--provisioning.data-dir=" + dataDir,
                "--provisioning.admin-email=" + ADMIN,
                "--provisioning.admin-password=" + PASSWORD);
        Path log = Path.of("target", "durability-crash-process.log");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitHealthy(Http api, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("the application process exited; see target/durability-crash-process.log")
                    .isTrue();
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // connection refused while it starts
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the application did not start within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
