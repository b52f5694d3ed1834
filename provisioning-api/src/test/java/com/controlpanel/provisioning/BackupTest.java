package com.controlpanel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.controlpanel.provisioning.config.SettingRefused;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.Prometheus;
import com.controlpanel.provisioning.testing.Zips;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code POST /api/admin/backup} on the embedded store: a backup taken while Okta writes holds every write acknowledged
 * before it, and a service started on it (the restore the README gives) serves them, its read models equal to what
 * its events make.
 */
class BackupTest {

    private static final String ADMIN = "backup@example.com";
    private static final String PASSWORD = "backup-password-1";

    /** The schema version before this version's newest migration. */
    private static final String PREVIOUS_VERSION = "11";

    @TempDir
    Path dataDir;

    @TempDir
    Path restoredDir;

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--provisioning.data-dir=" + dataDir,
                "--provisioning.admin-email=" + ADMIN,
                "--provisioning.admin-password=" + PASSWORD));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(ProvisioningApplication.class).run(arguments.toArray(String[]::new));
    }

    private static Http api(ConfigurableApplicationContext node) {
        return Http.to("http://localhost:" + Nodes.port(node)).basic(ADMIN, PASSWORD);
    }

    private static Http.Response createUser(Http scim, String userName) {
        return scim.post(
                "/Users",
                Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", userName));
    }

    @Test
    void aBackupTakenWhileOktaWritesHoldsEveryAcknowledgedWriteAndAServiceStartsOnIt() throws Exception {
        List<String> before = new ArrayList<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        String tenantUrl;
        String token;
        JsonNode taken;
        JsonNode listed;
        try (ConfigurableApplicationContext node = start(dataDir)) {
            Http api = api(node);
            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            JsonNode enabled =
                    api.post("/api/orgs/" + org + "/provisioning/enable", null).json();
            tenantUrl = enabled.get("tenantUrl").asText();
            token = enabled.get("secretToken").asText();
            Http scim = Http.to(tenantUrl).bearer(token);
            for (int i = 0; i < 30; i++) {
                String userName = "before" + i + "@example.com";
                assertThat(createUser(scim, userName).status()).isEqualTo(201);
                before.add(userName);
            }
            assertThat(Prometheus.gauge(api, "provisioning_backup_newest_timestamp_seconds"))
                    .as("no backup yet")
                    .isNaN();
            String team = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Backed up"))
                    .json()
                    .get("id")
                    .asText();
            // Okta keeps writing while the backup is taken
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                Http okta = Http.to(tenantUrl).bearer(token);
                for (int i = 0; writing.get(); i++) {
                    String userName = "during" + i + "@example.com";
                    if (createUser(okta, userName).status() == 201) {
                        acknowledged.add(userName);
                    }
                }
            });
            writer.start();
            while (acknowledged.size() < 5) {
                Thread.sleep(10);
            }
            List<String> acknowledgedBeforeTheBackup = List.copyOf(acknowledged);
            Http.Response backup = api.post("/api/admin/backup", null);
            writing.set(false);
            writer.join();
            assertThat(backup.status()).as(backup.text()).isEqualTo(200);
            taken = backup.json();
            listed = api.get("/api/admin/backup").json();
            assertThat(listed)
                    .as("the backups, as the Control Panel lists them")
                    .hasSize(1);
            assertThat(Prometheus.gauge(api, "provisioning_backup_newest_timestamp_seconds"))
                    .as("when the newest backup was written")
                    .isCloseTo(Instant.now().toEpochMilli() / 1000.0, within(60.0));
            before.addAll(acknowledgedBeforeTheBackup);
            assertThat(api.get("/api/orgs/" + org + "/teams/" + team).status()).isEqualTo(200);

            // downloaded whole, and from an offset (a cut download resumed)
            String name = listed.get(0).get("name").asText();
            Path file = Path.of(taken.get("file").asText());
            // every admin's password hash and every member's data: readable by the service's user only (they were
            // 644, the umask's, for any user of the machine); the data directory was there already, and keeps its modes
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .as("the backup directory the service made")
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dataDir.resolve("provisioning.mv.db"))))
                    .as("the database file the first start made")
                    .isEqualTo("rw-------");
            HttpResponse<byte[]> download = download(node, name, null);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");
            assertThat(download.headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=\"" + name + "\"");
            assertThat(download.body()).isEqualTo(Files.readAllBytes(file));
            HttpResponse<byte[]> asZip = download(node, name, null, "application/zip");
            assertThat(asZip.statusCode())
                    .as("a client that accepts a zip only")
                    .isEqualTo(200);
            assertThat(asZip.body()).isEqualTo(Files.readAllBytes(file));
            HttpResponse<byte[]> rest = download(node, name, "bytes=100-");
            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(rest.body())
                    .isEqualTo(Arrays.copyOfRange(Files.readAllBytes(file), 100, (int) Files.size(file)));
            for (String other :
                    List.of("provisioning-2020-01-01T00-00-00Z.zip", name + ".partial", "..%2Fprovisioning.mv.db")) {
                Http.Response missing = api.get("/api/admin/backup/" + other);
                assertThat(missing.status()).as(other).isIn(400, 404);
                assertThat(missing.header("Content-Type")).as(other).startsWith("application/problem+json");
            }
            Http.Response missing = api.get("/api/admin/backup/provisioning-2020-01-01T00-00-00Z.zip");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("code").asText()).isEqualTo("backup-not-found");
        }

        Path zip = Path.of(taken.get("file").asText());
        assertThat(listed.get(0).get("name").asText())
                .isEqualTo(zip.getFileName().toString());
        assertThat(listed.get(0).get("bytes").asLong()).isEqualTo(Files.size(zip));
        assertThat(listed.get(0).get("writtenAt").asText()).isNotEmpty();
        assertThat(Instant.parse(listed.get(0).get("takenAt").asText()))
                .as("when it began, to the second")
                .isEqualTo(Instant.parse(taken.get("startedAt").asText()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(zip).exists().hasParent(dataDir.resolve("backups").toRealPath());
        assertThat(zip.getFileName().toString())
                .matches("provisioning-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.zip");
        assertThat(taken.get("bytes").asLong()).isEqualTo(Files.size(zip));
        assertThat(Instant.parse(taken.get("startedAt").asText())).isBefore(Instant.now());
        try (var listing = Files.list(zip.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no unfinished file is left beside it")
                    .containsExactly(zip.getFileName().toString());
        }

        // the restore the README gives: the zip's database file into an empty data directory, then a start
        Zips.unzip(zip, restoredDir);
        assertThat(restoredDir.resolve("provisioning.mv.db")).exists();
        try (ConfigurableApplicationContext restored = start(restoredDir)) {
            Http api = api(restored);
            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            Http scim = Http.to(tenantUrl.replaceFirst("localhost:\\d+", "localhost:" + Nodes.port(restored)))
                    .bearer(token);
            for (String userName : before) {
                JsonNode found = scim.get("/Users?filter=userName%20eq%20%22" + userName + "%22")
                        .json();
                assertThat(found.get("totalResults").asInt()).as(userName).isEqualTo(1);
            }
            JsonNode members = api.get("/api/orgs/" + org + "/members?limit=1").json();
            assertThat(members.get("total").asInt()).isGreaterThanOrEqualTo(before.size());
            JsonNode teams = api.get("/api/orgs/" + org + "/teams").json();
            assertThat(teams.get("items").findValuesAsText("name")).contains("Backed up");

            // its read models are what its events make
            String id = api.post("/api/admin/rebuild", null).json().get("id").asText();
            JsonNode rebuild = awaitRebuild(api, id);
            assertThat(rebuild.get("status").asText()).as(rebuild.toString()).isEqualTo("COMPLETED");
            assertThat(rebuild.get("verified").asBoolean())
                    .as(rebuild.toString())
                    .isTrue();
            assertThat(rebuild.get("replaced")).as(rebuild.toString()).isEmpty();
        }
    }

    @Test
    void aBackupIsTheOperatorsAndOneThatCanNotBeWrittenLeavesNothingBehind() throws Exception {
        Path inTheWay = Files.writeString(dataDir.resolve("not-a-directory"), "a file");
        try (ConfigurableApplicationContext node =
                start(dataDir, "--provisioning.backup-dir=" + inTheWay.resolve("backups"))) {
            Http api = api(node);
            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            JsonNode added = api.post("/api/orgs/" + org + "/admins", Map.of("email", "second@example.com"))
                    .json();
            Http second = Http.to("http://localhost:" + Nodes.port(node))
                    .basic("second@example.com", added.get("password").asText());
            Http.Response forbidden = second.post("/api/admin/backup", null);
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.json().get("code").asText()).isEqualTo("forbidden");

            Http.Response failed = api.post("/api/admin/backup", null);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(failed.json().get("code").asText()).isEqualTo("backup-failed");
            assertThat(failed.json().get("detail").asText())
                    .contains(inTheWay.resolve("backups").toString())
                    .containsIgnoringCase("not a directory")
                    .doesNotContain("Exception");
            assertThat(Files.readString(inTheWay)).isEqualTo("a file");

            assertThat(second.get("/api/admin/backup").status()).isEqualTo(403);
            Http.Response bad = api.get("/api/admin/backup?limit=0x10");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("code").asText()).isEqualTo("invalid-value");
            // not "no backups" (it answered an empty list): none can be there
            Http.Response listed = api.get("/api/admin/backup");
            assertThat(listed.status()).as(listed.toString()).isEqualTo(500);
            assertThat(listed.json().get("code").asText()).isEqualTo("backup-failed");
            assertThat(listed.json().get("detail").asText())
                    .isEqualTo("The backup directory " + inTheWay.resolve("backups") + " can hold no backups: "
                            + inTheWay + " is a file, not a directory. Set PROVISIONING_BACKUP_DIR to a directory, or"
                            + " move the file away");
            // Settings → Backups says so too, not "No backup in this directory"
            var page = com.controlpanel.provisioning.testing.FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD)
                    .get("/orgs/" + org + "/settings/backups", false);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("id=\"backup-directory-problem\"")
                    .contains(inTheWay + " is a file, not a directory")
                    .doesNotContain("No backup in this directory");
            assertThat(api.delete("/api/admin/backup").status()).isEqualTo(405);
        }
    }

    @Test
    void withAnIntervalTheServiceBacksItselfUpAndKeepsTheNewestAndTheOperatorDownloadsAndDeletes() throws Exception {
        try (ConfigurableApplicationContext node =
                start(dataDir, "--provisioning.backup-every=1h", "--provisioning.backup-keep=1")) {
            Http api = api(node);
            Instant deadline = Instant.now().plusSeconds(30);
            while (api.get("/api/admin/backup").json().isEmpty()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            JsonNode scheduled = api.get("/api/admin/backup").json();
            assertThat(scheduled).as("a backup at once: there was none").hasSize(1);
            String first = scheduled.get(0).get("name").asText();

            Thread.sleep(1100); // a name of another second
            String asked = Path.of(api.post("/api/admin/backup", null)
                            .json()
                            .get("file")
                            .asText())
                    .getFileName()
                    .toString();
            assertThat(api.get("/api/admin/backup").json().findValuesAsText("name"))
                    .as("PROVISIONING_BACKUP_KEEP=1: the older one deleted")
                    .containsExactly(asked);
            assertThat(dataDir.resolve("backups").resolve(first)).doesNotExist();

            String org = api.get("/api/orgs").json().get(0).get("id").asText();
            JsonNode added = api.post("/api/orgs/" + org + "/admins", Map.of("email", "second@example.com"))
                    .json();
            Http second = Http.to("http://localhost:" + Nodes.port(node))
                    .basic("second@example.com", added.get("password").asText());
            assertThat(second.get("/api/admin/backup/" + asked).status()).isEqualTo(403);
            assertThat(second.delete("/api/admin/backup/" + asked).status()).isEqualTo(403);
            assertThat(dataDir.resolve("backups").resolve(asked)).exists();

            assertThat(api.delete("/api/admin/backup/" + asked).status()).isEqualTo(204);
            assertThat(api.get("/api/admin/backup").json()).isEmpty();
            Http.Response again = api.delete("/api/admin/backup/" + asked);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().get("code").asText()).isEqualTo("backup-not-found");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNewVersionBacksTheDatabaseUpBeforeItMigratesTheSchemaAndNotOnOtherStarts(CapturedOutput output)
            throws Exception {
        // a database as the version before the newest migration left it
        String url = "jdbc:h2:file:" + dataDir.resolve("provisioning");
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target(PREVIOUS_VERSION)
                .load()
                .migrate();

        // the backup can not be written: nothing is migrated, and the start says why
        Path inTheWay = Files.writeString(restoredDir.resolve("not-a-directory"), "a file");
        Throwable refused = catchThrowable(() -> start(dataDir, "--provisioning.backup-dir=" + inTheWay.resolve("b"))
                .close());
        Throwable cause = refused;
        while (cause != null && !(cause instanceof SettingRefused)) {
            cause = cause.getCause();
        }
        assertThat(cause)
                .as("refused for its setting: " + refused)
                .isInstanceOf(SettingRefused.class)
                .hasMessageContaining("PROVISIONING_BACKUP_DIR: the backup taken before migrating the database's"
                        + " schema from version " + PREVIOUS_VERSION + " to ")
                .hasMessageContaining("Nothing was migrated");
        assertThat(output.getAll())
                .contains("Could not back up the embedded database ")
                .contains(" into " + inTheWay.resolve("b") + ": ")
                .as("the file system said why in one line: no trace of it")
                .doesNotContain("java.nio.file.FileAlreadyExistsException")
                .doesNotContain("at java.base/");
        assertThat(schemaVersion(dataDir)).isEqualTo(Integer.parseInt(PREVIOUS_VERSION));
        Files.delete(inTheWay);

        try (ConfigurableApplicationContext node = start(dataDir)) {
            JsonNode listed = api(node).get("/api/admin/backup").json();
            assertThat(listed).as("one backup: before the migration").hasSize(1);
            assertThat(listed.get(0).get("name").asText()).matches("provisioning-[0-9T-]+Z-before-v[0-9]+\\.zip");
            assertThat(api(node).get("/api/orgs").status()).isEqualTo(200);
        }
        Path zip;
        try (Stream<Path> files = Files.list(dataDir.resolve("backups"))) {
            zip = files.findFirst().orElseThrow();
        }
        Zips.unzip(zip, restoredDir);
        assertThat(schemaVersion(restoredDir))
                .as("the backup holds the schema as the earlier version left it")
                .isEqualTo(Integer.parseInt(PREVIOUS_VERSION));
        assertThat(schemaVersion(dataDir)).isGreaterThan(Integer.parseInt(PREVIOUS_VERSION));

        // the same version started again, and a first start: nothing to migrate from, no backup
        try (ConfigurableApplicationContext again = start(dataDir)) {
            assertThat(api(again).get("/api/admin/backup").json()).hasSize(1);
        }
        Path fresh = Files.createDirectory(restoredDir.resolve("fresh"));
        try (ConfigurableApplicationContext first = start(fresh)) {
            assertThat(api(first).get("/api/admin/backup").json()).isEmpty();
        }
    }

    /** The newest schema version the H2 database in this directory was migrated to. */
    private static int schemaVersion(Path directory) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("provisioning"), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet newest = statement.executeQuery(
                        "SELECT MAX(CAST(\"version\" AS INT)) FROM" + " \"flyway_schema_history\" WHERE \"success\"")) {
            newest.next();
            return newest.getInt(1);
        }
    }

    /** A backup's file as a client downloads it, from {@code range} when given. */
    private static HttpResponse<byte[]> download(ConfigurableApplicationContext node, String name, String range)
            throws IOException, InterruptedException {
        return download(node, name, range, null);
    }

    private static HttpResponse<byte[]> download(
            ConfigurableApplicationContext node, String name, String range, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + Nodes.port(node) + "/api/admin/backup/" + name))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (range != null) {
            request.header("Range", range);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode awaitRebuild(Http api, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode progress = api.get("/api/admin/rebuild/" + id).json();
            if (!progress.get("status").asText().equals("RUNNING")
                    || Instant.now().isAfter(deadline)) {
                return progress;
            }
            Thread.sleep(100);
        }
    }
}
