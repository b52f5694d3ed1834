package com.controlpanel.provisioning.rest;

import static com.controlpanel.provisioning.testing.Fixtures.provisionMember;
import static com.controlpanel.provisioning.testing.Fixtures.provisionTeam;
import static com.controlpanel.provisioning.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The JSON API over real HTTP: the routes scripts depend on, the rules, and bad input. */
@ApplicationTest
class JsonApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Commands commands;

    @Autowired
    TenantCredentials credentials;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrganizationAdmins adminAccounts;

    private Http api;
    private String org;
    private OrganizationId orgId;

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        var created = api.post("/api/orgs", Map.of("name", "Org " + System.nanoTime()));
        assertThat(created.status()).isEqualTo(201);
        org = created.json().get("id").asText();
        orgId = new OrganizationId(org);
    }

    private String path(String rest) {
        return "/api/orgs/" + org + rest;
    }

    private JsonNode enableProvisioning() {
        var enabled = api.post(path("/provisioning/enable"), null);
        assertThat(enabled.status()).isEqualTo(200);
        return enabled.json();
    }

    private String invite(String email, String... teamIds) {
        var invited = api.post(
                path("/members"), Map.of("email", email, "name", "Invited Person", "teamIds", List.of(teamIds)));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        return invited.json().get("id").asText();
    }

    private String createTeam(String name) {
        var created = api.post(path("/teams"), Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void operatorSeesAndCreatesOrganizations() {
        var list = api.get("/api/orgs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("id")).contains(org);
        assertThat(list.json().get(0).has("name")).isTrue();
        assertThat(api.get("/api/orgs/" + org).json().get("id").asText()).isEqualTo(org);
    }

    @Test
    void organizationsAreListedByNameAsMembersAndTeamsAre() {
        // without regard to case and accents, numbers by value: on H2 and PostgreSQL alike
        String tag = " " + System.nanoTime();
        List<String> created = List.of("zeta", "Émile", "Alpha 10", "alpha 9", "Beta");
        for (String name : created) {
            assertThat(api.post("/api/orgs", Map.of("name", name + tag)).status())
                    .isEqualTo(201);
        }
        List<String> listed = api.get("/api/orgs").json().findValuesAsText("name").stream()
                .filter(name -> name.endsWith(tag))
                .map(name -> name.substring(0, name.length() - tag.length()))
                .toList();
        assertThat(listed).isEqualTo(List.of("alpha 9", "Alpha 10", "Beta", "Émile", "zeta"));
    }

    @Test
    void anOrganizationsAdminSeesOnlyIt() {
        var granted = api.post(path("/admins"), Map.of("email", uniqueEmail("admin")));
        assertThat(granted.status()).isEqualTo(201);
        String password = granted.json().get("password").asText();
        Http admin = Http.to("http://localhost:" + port)
                .basic(granted.json().get("email").asText(), password);

        var list = admin.get("/api/orgs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("id")).containsExactly(org);
        var other = Fixtures.createOrganization(api, "Other");
        assertThat(admin.get("/api/orgs/" + other + "/members").status()).isEqualTo(404);
        var refused = admin.post("/api/orgs", Map.of("name", "Not allowed"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void adminsAreListedAddedAndRemovedButTheLastOneStays() {
        String annEmail = uniqueEmail("ann");
        String bobEmail = uniqueEmail("bob");
        var ann = api.post(path("/admins"), Map.of("email", annEmail));
        var bob = api.post(path("/admins"), Map.of("email", bobEmail));
        assertThat(ann.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        String annId = ann.json().get("id").asText();
        String bobId = bob.json().get("id").asText();
        Http annApi = Http.to("http://localhost:" + port)
                .basic(annEmail, ann.json().get("password").asText());
        Http bobApi = Http.to("http://localhost:" + port)
                .basic(bobEmail, bob.json().get("password").asText());

        var listed = api.get(path("/admins"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("email")).containsExactly(annEmail, bobEmail);
        assertThat(listed.json().findValuesAsText("id")).containsExactly(annId, bobId);
        assertThat(listed.text()).doesNotContain("password");
        assertThat(annApi.get(path("/members")).status()).isEqualTo(200);

        assertThat(bobApi.delete(path("/admins/" + annId)).status()).isEqualTo(204);
        assertThat(api.get(path("/admins")).json().findValuesAsText("email")).containsExactly(bobEmail);
        assertThat(annApi.get(path("/members")).status())
                .as("a removed admin no longer reaches the organization")
                .isEqualTo(404);
        assertThat(annApi.get("/api/orgs").json()).isEmpty();

        long events = eventCount();
        assertProblem(bobApi.delete(path("/admins/" + bobId)), 409, "last-admin");
        assertProblem(api.delete(path("/admins/" + annId)), 404, "admin-not-found");
        assertProblem(api.delete(path("/admins/" + "x".repeat(100))), 404, "admin-not-found");
        assertThat(eventCount()).as("refusals record nothing").isEqualTo(events);
        assertThat(bobApi.get(path("/members")).status()).isEqualTo(200);

        JsonNode history = api.get(path("/provisioning/history")).json();
        JsonNode removal = history.get(history.size() - 1);
        assertThat(removal.get("type").asText()).isEqualTo("OrganizationAdminRevoked");
        assertThat(removal.get("actor").toString()).contains(bobEmail);
        assertThat(removal.get("payload").get("email").asText()).isEqualTo(annEmail);

        // added again: the same account, its password unchanged
        var again = api.post(path("/admins"), Map.of("email", annEmail));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(annId);
        assertThat(annApi.get(path("/members")).status()).isEqualTo(200);
    }

    @Test
    void anOrganizationsAdminCanNotHandAnAccountThatExistsToTheirOrganization() {
        // an admin of another organization sets up an account for someone, with a password they chose
        String other = Fixtures.createOrganization(api, "Other");
        var mallory = api.post("/api/orgs/" + other + "/admins", Map.of("email", uniqueEmail("mallory")));
        Http malloryApi = Http.to("http://localhost:" + port)
                .basic(
                        mallory.json().get("email").asText(),
                        mallory.json().get("password").asText());
        String victim = uniqueEmail("cfo");
        assertThat(malloryApi
                        .post(
                                "/api/orgs/" + other + "/admins",
                                Map.of("email", victim, "password", "chosen-by-mallory"))
                        .status())
                .isEqualTo(201);

        // this organization's admin adds that email: refused, nothing granted; the operator may
        var ann = api.post(path("/admins"), Map.of("email", uniqueEmail("ann")));
        Http annApi = Http.to("http://localhost:" + port)
                .basic(
                        ann.json().get("email").asText(),
                        ann.json().get("password").asText());
        long events = eventCount();
        assertProblem(annApi.post(path("/admins"), Map.of("email", victim)), 409, "admin-account-exists");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(Http.to("http://localhost:" + port)
                        .basic(victim, "chosen-by-mallory")
                        .get(path("/members"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get(path("/admins")).json().findValuesAsText("email")).doesNotContain(victim);
        // an admin of this organization added again by its own admin: nothing to hand out, 200
        var again = annApi.post(
                path("/admins"), Map.of("email", ann.json().get("email").asText()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.post(path("/admins"), Map.of("email", victim)).status()).isEqualTo(200);
    }

    @Test
    void theSameNewAdminAddedByRequestsAtOnceIsOneAccount() throws Exception {
        String email = uniqueEmail("twice");
        List<String> orgs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orgs.add(Fixtures.createOrganization(api, "Race " + i));
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(orgs.size());
        try {
            List<java.util.concurrent.Future<Http.Response>> answers = new java.util.ArrayList<>();
            for (String each : orgs) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/orgs/" + each + "/admins", Map.of("email", email));
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).as("one account created, added to the others").containsOnly(201, 200);
            assertThat(statuses).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        for (String each : orgs) {
            assertThat(api.get("/api/orgs/" + each + "/admins").json().findValuesAsText("email"))
                    .containsExactly(email);
        }
    }

    @Test
    void theOperatorGivesAnAdminWhoForgotTheirPasswordANewOneShownOnce() {
        String email = uniqueEmail("forgetful");
        var added = api.post(path("/admins"), Map.of("email", email));
        String id = added.json().get("id").asText();
        String former = added.json().get("password").asText();
        Http formerApi = Http.to("http://localhost:" + port).basic(email, former);
        assertThat(formerApi.get(path("/members")).status()).isEqualTo(200);
        assertProblem(formerApi.post("/api/admin/accounts/" + id + "/password", null), 403, "forbidden");
        long events = eventCount();

        var given = api.post("/api/admin/accounts/" + id + "/password", null);
        assertThat(given.status()).isEqualTo(200);
        assertThat(given.json().get("id").asText()).isEqualTo(id);
        assertThat(given.json().get("email").asText()).isEqualTo(email);
        String password = given.json().get("password").asText();
        assertThat(password).hasSize(20).isNotEqualTo(former);
        assertThat(formerApi.get(path("/members")).status())
                .as("the former password stops working at once")
                .isEqualTo(401);
        assertThat(Http.to("http://localhost:" + port)
                        .basic(email, password)
                        .get(path("/members"))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount())
                .as("recorded in the one organization the account manages")
                .isEqualTo(events + 1);
        JsonNode rows = api.get(path("/activity?action=organization.admin-password-given"))
                .json()
                .get("items");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("summary").asText())
                .isEqualTo("Gave " + email + " a new password: their former one stopped working");
        assertThat(rows.get(0).get("actor").get("name").asText()).isEqualTo(ApplicationTest.ADMIN);
        assertThat(rows.get(0).get("details").get("adminId").asText()).isEqualTo(id);
        assertThat(rows.toString()).doesNotContain(password);
        assertThat(api.get("/api/admin/accounts").json().toString()).doesNotContain(password);

        String operatorId = null;
        for (JsonNode each : api.get("/api/admin/accounts").json()) {
            if (each.get("email").asText().equals(ApplicationTest.ADMIN)) {
                operatorId = each.get("id").asText();
            }
        }
        assertProblem(api.post("/api/admin/accounts/" + operatorId + "/password", null), 409, "own-account");
        assertThat(Http.to("http://localhost:" + port)
                        .basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD)
                        .get("/api/orgs")
                        .status())
                .as("the operator's own password unchanged")
                .isEqualTo(200);
        assertProblem(
                api.post("/api/admin/accounts/" + java.util.UUID.randomUUID() + "/password", null),
                404,
                "admin-not-found");
        assertProblem(api.post("/api/admin/accounts/not-a-uuid/password", null), 404, "admin-not-found");
    }

    @Test
    void adminEmailsThatDifferOnlyInGreeksSmallSigmasAreOneAndTwoStoredBeforeBothStillSignIn() {
        String n = Long.toString(System.nanoTime());
        String sigma = "οδυσσευσ" + n + "@example.com"; // σ where the final form ς may be written
        String finalSigma = "οδυσσευς" + n + "@example.com";
        var added = api.post(path("/admins"), Map.of("email", sigma));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String password = added.json().get("password").asText();
        var again = api.post(path("/admins"), Map.of("email", finalSigma));
        assertThat(again.status()).as("the same account, already an admin here").isEqualTo(200);
        assertThat(again.json().get("id").asText())
                .isEqualTo(added.json().get("id").asText());
        assertThat(again.json().has("password")).isFalse();
        for (String email : List.of(sigma, finalSigma, "ΟΔΥΣΣΕΥΣ" + n + "@EXAMPLE.COM")) {
            assertThat(Http.to("http://localhost:" + port)
                            .basic(email, password)
                            .get("/api/orgs")
                            .status())
                    .as(email)
                    .isEqualTo(200);
        }

        // an account stored before schema 19 under the final form, which kept its key beside the other (CaseKeys)
        var other = api.post(path("/admins"), Map.of("email", uniqueEmail("kept")));
        String keptPassword = other.json().get("password").asText();
        jdbc.update(
                "UPDATE admin_account SET email = ?, email_key = ? WHERE admin_id = ?",
                finalSigma,
                finalSigma,
                other.json().get("id").asText());
        assertThat(Http.to("http://localhost:" + port)
                        .basic(finalSigma, keptPassword)
                        .get("/api/orgs")
                        .status())
                .as("its own email still signs it in")
                .isEqualTo(200);
        assertThat(Http.to("http://localhost:" + port)
                        .basic(sigma, password)
                        .get("/api/orgs")
                        .status())
                .isEqualTo(200);

        // recorded as schema 20 does: once the other account is deleted, the kept one holds the email in any case
        try (var connection = jdbc.getDataSource().getConnection()) {
            com.controlpanel.provisioning.storage.CaseKeys.recordKept(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(adminAccounts.accounts("ΟΔΥΣΣΕΥΣ" + n, 0, 50).items().stream()
                        .map(account -> account.adminId().value())
                        .toList())
                .as("All accounts finds both by any case of the email")
                .containsExactlyInAnyOrder(
                        added.json().get("id").asText(), other.json().get("id").asText());
        assertThat(api.delete("/api/admin/accounts/" + added.json().get("id").asText())
                        .status())
                .isEqualTo(204);
        var readded = api.post(path("/admins"), Map.of("email", sigma));
        assertThat(readded.status()).as("no second account: " + readded).isEqualTo(200);
        assertThat(readded.json().get("id").asText())
                .isEqualTo(other.json().get("id").asText());
        assertThat(Http.to("http://localhost:" + port)
                        .basic("ΟΔΥΣΣΕΥΣ" + n + "@EXAMPLE.COM", keptPassword)
                        .get("/api/orgs")
                        .status())
                .as("its password, by its email in any case")
                .isEqualTo(200);
    }

    @Test
    void theOperatorDeletesTheAccountOfAnAdminWhoLeaves() {
        String other = Fixtures.createOrganization(api, "Other");
        String lonely = Fixtures.createOrganization(api, "Lonely");
        String leaverEmail = uniqueEmail("leaver");
        String stayerEmail = uniqueEmail("stayer");
        var leaver = api.post(path("/admins"), Map.of("email", leaverEmail));
        String leaverId = leaver.json().get("id").asText();
        Http leaverApi = Http.to("http://localhost:" + port)
                .basic(leaverEmail, leaver.json().get("password").asText());
        for (String each : List.of(other, lonely)) {
            assertThat(api.post("/api/orgs/" + each + "/admins", Map.of("email", leaverEmail))
                            .status())
                    .isEqualTo(200);
        }
        api.post(path("/admins"), Map.of("email", stayerEmail));
        api.post("/api/orgs/" + other + "/admins", Map.of("email", stayerEmail));

        assertProblem(leaverApi.get("/api/admin/accounts"), 403, "forbidden");
        JsonNode account = null;
        for (JsonNode each : api.get("/api/admin/accounts").json()) {
            if (each.get("id").asText().equals(leaverId)) {
                account = each;
            }
        }
        assertThat(account).isNotNull();
        assertThat(account.get("email").asText()).isEqualTo(leaverEmail);
        assertThat(account.get("operator").asBoolean()).isFalse();
        assertThat(java.time.Instant.parse(account.get("lastSignedInAt").asText()))
                .as("it signed in just now, over this API")
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        for (JsonNode each : api.get("/api/admin/accounts").json()) {
            if (each.get("email").asText().equals(stayerEmail)) {
                assertThat(each.get("lastSignedInAt").isNull())
                        .as("never signed in")
                        .isTrue();
            }
        }
        List<String> organizations = new java.util.ArrayList<>();
        account.get("organizations").forEach(id -> organizations.add(id.asText()));
        assertThat(organizations).containsExactlyInAnyOrder(org, other, lonely);

        // the only admin of an organization: nothing changes
        long events = eventCount();
        assertProblem(api.delete("/api/admin/accounts/" + leaverId), 409, "last-admin");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(leaverApi.get(path("/members")).status()).isEqualTo(200);

        api.post("/api/orgs/" + lonely + "/admins", Map.of("email", stayerEmail));
        assertThat(api.delete("/api/admin/accounts/" + leaverId).status()).isEqualTo(204);
        assertThat(leaverApi.get("/api/orgs").status())
                .as("the account is gone")
                .isEqualTo(401);
        for (String each : List.of(org, other, lonely)) {
            assertThat(api.get("/api/orgs/" + each + "/admins").json().findValuesAsText("email"))
                    .containsExactly(stayerEmail);
        }
        assertThat(api.get("/api/admin/accounts").json().findValuesAsText("id")).doesNotContain(leaverId);
        JsonNode history =
                api.get("/api/orgs/" + other + "/provisioning/history").json();
        JsonNode removal = history.get(history.size() - 1);
        assertThat(removal.get("type").asText()).isEqualTo("OrganizationAdminRevoked");
        assertThat(removal.get("actor").toString()).contains(ApplicationTest.ADMIN);

        var gone = api.delete("/api/admin/accounts/" + leaverId);
        assertProblem(gone, 404, "admin-not-found");
        // a route of the whole deployment, not of an organization
        assertThat(gone.json().get("detail").asText()).isEqualTo("No admin account with id " + leaverId);
        assertThat(api.delete("/api/admin/accounts/not-a-uuid")
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("No admin account with id not-a-uuid");
        String operatorId = null;
        for (JsonNode each : api.get("/api/admin/accounts").json()) {
            if (each.get("operator").asBoolean()) {
                operatorId = each.get("id").asText();
            }
        }
        assertProblem(api.delete("/api/admin/accounts/" + operatorId), 409, "operator-account");
    }

    @Test
    void theOperatorCreatesAnOrganizationWithItsFirstAdmin() {
        int before = api.get("/api/orgs").json().size();
        assertProblem(
                api.post("/api/orgs", Map.of("name", "Refused", "adminEmail", "not-an-email")), 400, "invalid-value");
        // given empty (a script's variable that was): refused, not an organization without its admin
        for (String empty : List.of("", "  ")) {
            assertProblem(api.post("/api/orgs", Map.of("name", "Refused", "adminEmail", empty)), 400, "invalid-value");
        }
        assertThat(api.get("/api/orgs").json().size()).as("nothing created").isEqualTo(before);

        String email = uniqueEmail("first");
        var created = api.post("/api/orgs", Map.of("name", "With its admin", "adminEmail", email));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/orgs/" + id);
        assertThat(created.json().get("name").asText()).isEqualTo("With its admin");
        JsonNode first = created.json().get("admin");
        assertThat(first.get("email").asText()).isEqualTo(email);
        String password = first.get("password").asText();
        assertThat(password).hasSize(20);
        Http firstApi = Http.to("http://localhost:" + port).basic(email, password);
        assertThat(firstApi.get("/api/orgs").json().findValuesAsText("id")).containsExactly(id);
        assertThat(api.get("/api/orgs/" + id + "/admins").json().findValuesAsText("email"))
                .containsExactly(email);

        // the same account for a second organization: its password stays its own
        var second = api.post("/api/orgs", Map.of("name", "Also its admin", "adminEmail", email));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("admin").get("email").asText()).isEqualTo(email);
        assertThat(second.json().get("admin").has("password")).isFalse();
        assertThat(firstApi.get("/api/orgs").json().size()).isEqualTo(2);

        var bare = api.post("/api/orgs", Map.of("name", "Without an admin"));
        assertThat(bare.status()).isEqualTo(201);
        assertThat(bare.json().has("admin")).isFalse();
    }

    @Test
    void anOrganizationsAdminRenamesItAndTheAuditTrailKeepsBothNames() throws Exception {
        String oldName = api.get("/api/orgs/" + org).json().get("name").asText();
        var granted = api.post(path("/admins"), Map.of("email", uniqueEmail("renamer")));
        Http admin = Http.to("http://localhost:" + port)
                .basic(
                        granted.json().get("email").asText(),
                        granted.json().get("password").asText());
        Instant beforeRename = Instant.now();
        Thread.sleep(5);

        var renamed = admin.patch("/api/orgs/" + org, Map.of("name", "  Renamed Corporation "));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("id").asText()).isEqualTo(org);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed Corporation");
        assertThat(admin.get("/api/orgs").json().get(0).get("name").asText()).isEqualTo("Renamed Corporation");
        assertThat(api.get("/api/orgs/" + org).json().get("name").asText()).isEqualTo("Renamed Corporation");

        JsonNode history = api.get(path("/provisioning/history")).json();
        JsonNode rename = history.get(history.size() - 1);
        assertThat(rename.get("type").asText()).isEqualTo("OrganizationRenamed");
        assertThat(rename.get("payload").get("previous").asText()).isEqualTo(oldName);
        assertThat(rename.get("payload").get("name").asText()).isEqualTo("Renamed Corporation");
        assertThat(rename.get("actor").toString())
                .contains(granted.json().get("email").asText());

        assertThat(api.get(path("/state?at=" + beforeRename))
                        .json()
                        .get("organization")
                        .get("name")
                        .asText())
                .isEqualTo(oldName);
        assertThat(api.get(path("/state?at=" + Instant.now()))
                        .json()
                        .get("organization")
                        .get("name")
                        .asText())
                .isEqualTo("Renamed Corporation");

        JsonNode row = null;
        for (Instant deadline = Instant.now().plusSeconds(20);
                row == null && Instant.now().isBefore(deadline); ) {
            JsonNode items = api.get(path("/activity?action=organization.renamed"))
                    .json()
                    .get("items");
            if (items.isEmpty()) {
                Thread.sleep(50);
            } else {
                row = items.get(0);
            }
        }
        assertThat(row).as("the rename in Activity").isNotNull();
        assertThat(row.get("summary").asText())
                .isEqualTo("Renamed the organization " + oldName + " to Renamed Corporation");
        assertThat(row.get("actor").get("name").asText())
                .isEqualTo(granted.json().get("email").asText());
        JsonNode created = api.get(path("/activity?action=organization.created"))
                .json()
                .get("items")
                .get(0);
        assertThat(created.get("subject").get("name").asText())
                .as("earlier rows keep the name of their time")
                .isEqualTo(oldName);

        String other = Fixtures.createOrganization(api, "Not theirs");
        long events = eventCount();
        assertThat(admin.patch("/api/orgs/" + org, Map.of("name", "Renamed Corporation"))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount()).as("the same name again records nothing").isEqualTo(events);
        assertProblem(admin.patch("/api/orgs/" + org, Map.of("name", "  ")), 400, "invalid-value");
        assertProblem(admin.patch("/api/orgs/" + org, Map.of("name", "x".repeat(201))), 400, "invalid-value");
        assertProblem(admin.patch("/api/orgs/" + org, Map.of("name", "Tab\u0007bed")), 400, "invalid-value");
        assertProblem(admin.patch("/api/orgs/" + org, Map.of()), 400, "invalid-value");
        assertThat(admin.patch("/api/orgs/" + other, Map.of("name", "Taken over"))
                        .status())
                .isEqualTo(404);
        assertThat(eventCount()).as("refusals record nothing").isEqualTo(events);
        assertThat(api.get("/api/orgs/" + org).json().get("name").asText()).isEqualTo("Renamed Corporation");
        assertThat(api.get("/api/orgs/" + other).json().get("name").asText()).isNotEqualTo("Taken over");
    }

    @Test
    void accountsArePagedByEmailAndFoundByAnyPartOfIt() {
        String tag = "tag" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        List<String> emails =
                List.of("b_" + tag + "@example.com", "a%" + tag + "@example.com", "c-" + tag + "@example.com");
        for (String email : emails) {
            assertThat(api.post(path("/admins"), Map.of("email", email)).status())
                    .isEqualTo(201);
        }
        OrganizationAdmins.AccountPage first = adminAccounts.accounts(tag.toUpperCase(java.util.Locale.ROOT), 0, 2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items())
                .extracting(OrganizationAdmins.Account::email)
                .containsExactly("a%" + tag + "@example.com", "b_" + tag + "@example.com");
        assertThat(first.items().get(0).organizations()).containsExactly(orgId);
        assertThat(adminAccounts.accounts(tag, 2, 2).items())
                .extracting(OrganizationAdmins.Account::email)
                .containsExactly("c-" + tag + "@example.com");
        assertThat(adminAccounts.accounts("%" + tag, 0, 10).items())
                .as("%% and _ match themselves")
                .extracting(OrganizationAdmins.Account::email)
                .containsExactly("a%" + tag + "@example.com");
        assertThat(adminAccounts.accounts("_" + tag, 0, 10).total()).isEqualTo(1);
        assertThat(adminAccounts.accounts(tag, 10, 2).items()).isEmpty();
        assertThat(adminAccounts.accounts(null, 0, 0).total())
                .isEqualTo(api.get("/api/admin/accounts").json().size());

        OrganizationAdmins.Account one = first.items().get(1);
        assertThat(adminAccounts.account(one.adminId())).contains(one);
        assertThat(adminAccounts.account(com.controlpanel.provisioning.domain.api.AdminId.random()))
                .isEmpty();

        long idle = adminAccounts.countWithoutOrganization();
        assertThat(idle)
                .as("operators (the test's operator manages no organization by grant) are not counted")
                .isEqualTo(adminAccounts.all().stream()
                        .filter(account ->
                                !account.operator() && account.organizations().isEmpty())
                        .count());
        assertThat(api.delete(path("/admins/" + one.adminId().value())).status())
                .isEqualTo(204);
        assertThat(adminAccounts.countWithoutOrganization()).isEqualTo(idle + 1);
    }

    @Test
    void anAccountDeletedWhileAnotherAdminIsRemovedGoesWhollyOrNotAtAll() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String first = Fixtures.createOrganization(api, "First");
                String second = Fixtures.createOrganization(api, "Second");
                String leaverEmail = uniqueEmail("leaving");
                String keeperEmail = uniqueEmail("keeper");
                String colleagueEmail = uniqueEmail("colleague");
                String leaverId = api.post("/api/orgs/" + first + "/admins", Map.of("email", leaverEmail))
                        .json()
                        .get("id")
                        .asText();
                api.post("/api/orgs/" + second + "/admins", Map.of("email", leaverEmail));
                api.post("/api/orgs/" + first + "/admins", Map.of("email", keeperEmail));
                String colleagueId = api.post("/api/orgs/" + second + "/admins", Map.of("email", colleagueEmail))
                        .json()
                        .get("id")
                        .asText();

                // at once: the leaver's account deleted, and the other admin of the second organization removed
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var deletion = pool.submit(() -> {
                    go.await();
                    return api.delete("/api/admin/accounts/" + leaverId).status();
                });
                var removal = pool.submit(() -> {
                    go.await();
                    return api.delete("/api/orgs/" + second + "/admins/" + colleagueId)
                            .status();
                });
                go.countDown();
                int deleted = deletion.get();
                int removed = removal.get();

                List<String> firstAdmins =
                        api.get("/api/orgs/" + first + "/admins").json().findValuesAsText("email");
                List<String> secondAdmins =
                        api.get("/api/orgs/" + second + "/admins").json().findValuesAsText("email");
                if (deleted == 204) {
                    assertThat(removed)
                            .as("the colleague was the last admin left")
                            .isEqualTo(409);
                    assertThat(firstAdmins).containsExactly(keeperEmail);
                    assertThat(secondAdmins).containsExactly(colleagueEmail);
                } else {
                    assertThat(deleted).isEqualTo(409);
                    assertThat(removed).isEqualTo(204);
                    assertThat(firstAdmins)
                            .as("the refused deletion removed it nowhere")
                            .containsExactlyInAnyOrder(leaverEmail, keeperEmail);
                    assertThat(secondAdmins).containsExactly(leaverEmail);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    @Test
    void refusesMissingOrWrongCredentials() {
        var anonymous = Http.to("http://localhost:" + port).get("/api/orgs");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("unauthenticated");
        var wrong = Http.to("http://localhost:" + port)
                .basic(ApplicationTest.ADMIN, "wrong")
                .get("/api/orgs");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void provisioningShowsTheTokenOnlyWhenIssuedAndRevokesOldOnes() {
        var before = api.get(path("/provisioning")).json();
        assertThat(before.get("enabled").asBoolean()).isFalse();
        assertThat(before.get("tenantUrl").asText()).matches("http://localhost:\\d+/scim/v2/[0-9a-f-]+");
        assertThat(before.has("secretToken")).isFalse();

        JsonNode enabled = enableProvisioning();
        String tenantUrl = enabled.get("tenantUrl").asText();
        String tenant = tenantUrl.substring(tenantUrl.lastIndexOf('/') + 1);
        String first = enabled.get("secretToken").asText();
        assertThat(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(credentials.verify(tenant, first)).isPresent();

        var again = api.post(path("/provisioning/enable"), null).json();
        assertThat(again.get("enabled").asBoolean()).isTrue();
        assertThat(again.has("secretToken")).isFalse();
        var settings = api.get(path("/provisioning")).json();
        assertThat(settings.get("enabled").asBoolean()).isTrue();
        assertThat(settings.get("tokenIssuedAt").isNull()).isFalse();
        assertThat(settings.toString()).doesNotContain(first);

        // rule 7: new credentials break the old token at once
        var regenerated = api.post(path("/provisioning/credentials"), null);
        assertThat(regenerated.status()).isEqualTo(200);
        String second = regenerated.json().get("secretToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(credentials.verify(tenant, first)).isEmpty();
        assertThat(credentials.verify(tenant, second)).isPresent();

        // rule 6: switching off refuses the token from then on
        var disabled = api.post(path("/provisioning/disable"), null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(credentials.verify(tenant, second)).isEmpty();
        var refused = api.post(path("/provisioning/credentials"), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("provisioning-disabled");
    }

    @Test
    void invitesListsEditsAndDeletesMembers() {
        String team = createTeam("Sales " + System.nanoTime());
        String email = uniqueEmail("ann");
        String id = invite(email, team);

        JsonNode ann = api.get(path("/members/" + id)).json();
        assertThat(ann.get("email").asText()).isEqualTo(email);
        assertThat(ann.get("source").asText()).isEqualTo("MANUAL");
        assertThat(ann.get("status").asText()).isEqualTo("INVITED");
        assertThat(ann.get("readOnly").asBoolean()).isFalse();
        assertThat(ann.get("teams").get(0).get("id").asText()).isEqualTo(team);

        var list = api.get(path("/members?q=" + email.substring(0, 6) + "&source=manual&status=invited&team=" + team));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("id").asText()).isEqualTo(id);

        String newEmail = uniqueEmail("ann.lee");
        var edited =
                api.patch(path("/members/" + id), Map.of("email", newEmail, "givenName", "Ann", "familyName", "Lee"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("userName").asText()).isEqualTo(newEmail);
        assertThat(edited.json().get("label").asText()).isEqualTo("Ann Lee");
        assertThat(api.get(path("/members/" + id))
                        .json()
                        .get("name")
                        .get("familyName")
                        .asText())
                .isEqualTo("Lee");

        var deactivated = api.patch(path("/members/" + id), Map.of("active", false));
        assertThat(deactivated.json().get("status").asText()).isEqualTo("DEACTIVATED");

        assertThat(api.delete(path("/members/" + id)).status()).isEqualTo(204);
        assertThat(api.get(path("/members/" + id)).status()).isEqualTo(404);
        // the deleted member's email is free again
        invite(newEmail);
    }

    @Test
    void aDescendingListIsTheAscendingOneReversedBesideFiltersAndAcrossPages() {
        for (int i = 0; i < 3; i++) {
            invite(uniqueEmail("order" + i));
        }
        for (String filter : List.of("", "&status=invited", "&source=manual")) {
            for (String sort : List.of("name", "email", "created")) {
                JsonNode all = api.get(path("/members?limit=200&sort=" + sort + filter))
                        .json();
                assertThat(all.get("total").asInt())
                        .as("one page holds them all")
                        .isBetween(3, 200);
                List<String> ascending = all.get("items").findValuesAsText("id");
                List<String> reversed = new ArrayList<>(ascending);
                Collections.reverse(reversed);
                assertThat(api.get(path("/members?limit=200&order=desc&sort=" + sort + filter))
                                .json()
                                .get("items")
                                .findValuesAsText("id"))
                        .as(sort + filter)
                        .isEqualTo(reversed);
                assertThat(api.get(path("/members?limit=2&offset=1&order=desc&sort=" + sort + filter))
                                .json()
                                .get("items")
                                .findValuesAsText("id"))
                        .as("the second and third, descending: " + sort + filter)
                        .isEqualTo(reversed.subList(1, 3));
            }
        }
    }

    @Test
    void listsSortByNameWithSpacesAndPunctuationBeforeLettersAndNumbersByValue() {
        // the same order on H2 and on PostgreSQL whatever its database's collation (en_US.UTF-8, the postgres
        // image's, passes over spaces and punctuation: "Anna Bell" would come first, "Ann Lee" last)
        List<String> names = List.of("Ann Lee", "Ann-Marie Roe", "Anna Bell", "Agent 9", "Agent 10");
        List<String> sorted = List.of("Agent 9", "Agent 10", "Ann Lee", "Ann-Marie Roe", "Anna Bell");
        for (String name : List.of(names.get(2), names.get(4), names.get(0), names.get(3), names.get(1))) {
            var invited = api.post(path("/members"), Map.of("email", uniqueEmail("sort"), "name", name));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            createTeam(name.replace("Agent", "Desk"));
        }
        assertThat(api.get(path("/members?limit=200&sort=name"))
                        .json()
                        .get("items")
                        .findValuesAsText("label"))
                .isEqualTo(sorted);
        assertThat(api.get(path("/teams?limit=200&sort=name"))
                        .json()
                        .get("items")
                        .findValuesAsText("name"))
                .isEqualTo(List.of("Ann Lee", "Ann-Marie Roe", "Anna Bell", "Desk 9", "Desk 10"));
    }

    @Test
    void teamsWithAsManyMembersAreListedByName() {
        String member = invite(uniqueEmail("counted"));
        for (String name : List.of("Quay", "Bravo", "Zulu", "Alpha", "Mike")) {
            String team = createTeam(name);
            if (name.equals("Mike")) {
                api.post(path("/teams/" + team + "/members"), Map.of("memberId", member));
            }
        }
        assertThat(api.get(path("/teams?sort=members")).json().get("items").findValuesAsText("name"))
                .isEqualTo(List.of("Alpha", "Bravo", "Quay", "Zulu", "Mike"));
        assertThat(api.get(path("/teams?sort=members&order=desc"))
                        .json()
                        .get("items")
                        .findValuesAsText("name"))
                .isEqualTo(List.of("Mike", "Zulu", "Quay", "Bravo", "Alpha"));
    }

    /**
     * Two admins each change one part of a member's name at the same moment, neither sending a version: both changes
     * stay. The part not sent was kept as read before the other change was made, which it undid, both answered 200
     * (9 rounds in 10).
     */
    @Test
    void editsOfTwoNamePartsAtOnceBothStay() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                var invited = api.post(
                        path("/members"),
                        Map.of("email", uniqueEmail("parts"), "givenName", "Ada", "familyName", "Lovelace"));
                String id = invited.json().get("id").asText();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var given = pool.submit(() -> {
                    go.await();
                    return api.patch(path("/members/" + id), Map.of("givenName", "Augusta"));
                });
                var family = pool.submit(() -> {
                    go.await();
                    return api.patch(path("/members/" + id), Map.of("familyName", "King"));
                });
                go.countDown();
                assertThat(given.get().status()).as(given.get().toString()).isEqualTo(200);
                assertThat(family.get().status()).as(family.get().toString()).isEqualTo(200);
                JsonNode name = api.get(path("/members/" + id)).json().get("name");
                assertThat(name.get("givenName").asText() + " "
                                + name.get("familyName").asText())
                        .as("round %d", round)
                        .isEqualTo("Augusta King");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The losers of DELETEs of one member (or team) at once are told it is not found, with its own code. */
    @Test
    void deletesOfOneMemberAtOnceAreOneDeletionAndMemberNotFoundForTheOthers() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                String member = api.post(path("/members"), Map.of("email", uniqueEmail("gone")))
                        .json()
                        .get("id")
                        .asText();
                String team = api.post(path("/teams"), Map.of("name", "Gone " + java.util.UUID.randomUUID()))
                        .json()
                        .get("id")
                        .asText();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Http.Response>> deletes = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String target = i % 2 == 0 ? "/members/" + member : "/teams/" + team;
                    deletes.add(pool.submit(() -> {
                        go.await();
                        return api.delete(path(target));
                    }));
                }
                go.countDown();
                int deleted = 0;
                for (int i = 0; i < deletes.size(); i++) {
                    Http.Response answer = deletes.get(i).get();
                    if (answer.status() == 204) {
                        deleted++;
                    } else {
                        assertProblem(answer, 404, i % 2 == 0 ? "member-not-found" : "team-not-found");
                    }
                }
                assertThat(deleted).as("one deletion of each").isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEditOfOneNamePartHoldsTheNameAsFirstAndLastNameAndKeepsTheOtherAsItWasShown() {
        var invited = api.post(path("/members"), Map.of("email", uniqueEmail("countess"), "name", "Ada Lovelace King"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String id = invited.json().get("id").asText();

        var edited = api.patch(path("/members/" + id), Map.of("givenName", "Augusta"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonNode name = edited.json().get("name");
        assertThat(name.get("givenName").asText()).isEqualTo("Augusta");
        assertThat(name.get("familyName").asText()).isEqualTo("Lovelace King");
        assertThat(name.get("formatted").isNull()).as(name.toString()).isTrue();
        assertThat(edited.json().get("label").asText()).isEqualTo("Augusta Lovelace King");
        // the former whole name no longer finds the member
        assertThat(api.get(path("/members?q=Ada")).json().get("total").asLong()).isZero();

        // Okta sent parts and a whole name beside them, which would no longer say the same once a part is changed
        enableProvisioning();
        MemberId grace = MemberId.random();
        String graceEmail = uniqueEmail("grace");
        commands.send(
                Fixtures.OKTA,
                new ProvisionMemberCommand(
                        grace,
                        orgId,
                        new MemberProfile(
                                new UserName(graceEmail),
                                new PersonName("Rear Admiral Grace Hopper", "Hopper", "Grace", "Brewster", null, null),
                                null,
                                List.of(EmailAddress.work(graceEmail)),
                                null,
                                Map.of()),
                        true));
        api.post(path("/provisioning/disable"), null);
        var renamed = api.patch(path("/members/" + grace.value()), Map.of("givenName", "Amazing"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("label").asText()).isEqualTo("Amazing Hopper");
        assertThat(renamed.json().get("name").get("formatted").isNull()).isTrue();

        long events = eventCount();
        var ambiguous = api.patch(path("/members/" + id), Map.of("name", "Whole Again", "givenName", "G"));
        assertThat(ambiguous.status()).as(ambiguous.toString()).isEqualTo(400);
        assertThat(ambiguous.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(ambiguous.json().get("detail").asText()).contains("not both");
        var ambiguousInvite = api.post(
                path("/members"), Map.of("email", uniqueEmail("both"), "name", "Whole Name", "familyName", "Part"));
        assertThat(ambiguousInvite.status()).as(ambiguousInvite.toString()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void refusesATakenEmailWhateverItsCaseAndChangesNothing() {
        String email = uniqueEmail("dup");
        invite(email);
        long events = eventCount();
        var refused = api.post(path("/members"), Map.of("email", email.toUpperCase()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("user-name-taken");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.get(path("/members?q=" + email.substring(0, 8)))
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void badInputIsA400WithACodeAndChangesNothing() {
        long events = eventCount();
        var malformed = api.send("POST", path("/members"), "{not json", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed-body");
        var badEmail = api.post(path("/members"), Map.of("email", "not an email"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(badEmail.json().get("detail").asText()).contains("not an email");
        // an email that looks like another on screen (a zero-width space), invited or edited to
        var lookAlike = api.post(path("/members"), Map.of("email", "zoe@example.com\u200b", "name", "Spoof"));
        assertThat(lookAlike.status()).as(lookAlike.toString()).isEqualTo(400);
        assertThat(lookAlike.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(lookAlike.json().get("detail").asText()).contains("U+200B");
        String plain = "plain-" + System.nanoTime() + "@example.com";
        var invited = api.post(path("/members"), Map.of("email", plain, "name", "Plain Person"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        events = eventCount();
        var editedToLookAlike = api.patch(
                path("/members/" + invited.json().get("id").asText()), Map.of("email", "\uff50" + plain.substring(1)));
        assertThat(editedToLookAlike.status()).as(editedToLookAlike.toString()).isEqualTo(400);
        assertThat(editedToLookAlike.json().get("code").asText()).isEqualTo("invalid-value");
        var noName = api.post(path("/teams"), Map.of("name", "   "));
        assertThat(noName.status()).isEqualTo(400);
        var badFilter = api.get(path("/members?status=sleeping"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("detail").asText()).contains("status");
        var badLimit = api.get(path("/members?limit=100000"));
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(api.get(path("/members/no-such-member")).status()).isEqualTo(404);
        assertThat(api.get(path("/teams/no-such-team")).json().get("code").asText())
                .isEqualTo("team-not-found");
        assertThat(api.get("/api/orgs/no-such-org/members").status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
        for (var response : List.of(malformed, badEmail, noName, badFilter)) {
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("at com.");
        }
    }

    @Test
    void teamsAreCreatedRenamedAndDeletedAndKeepTheirMembers() {
        String name = "Eng " + System.nanoTime();
        String team = createTeam(name);
        var duplicate = api.post(path("/teams"), Map.of("name", name.toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("team-name-taken");
        // named as the team that has it writes it, as the Control Panel says it: which team it is
        assertThat(duplicate.json().get("detail").asText())
                .isEqualTo("A team named '" + name + "' already exists in this organization");
        String other = createTeam("Other " + System.nanoTime());
        var renamedOnto = api.patch(path("/teams/" + other), Map.of("name", name.toLowerCase()));
        assertThat(renamedOnto.status()).isEqualTo(409);
        assertThat(renamedOnto.json().get("detail").asText())
                .isEqualTo("A team named '" + name + "' already exists in this organization");

        String member = invite(uniqueEmail("cy"));
        var added = api.post(path("/teams/" + team + "/members"), Map.of("memberId", member));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("memberCount").asInt()).isEqualTo(1);
        assertThat(api.get(path("/teams/" + team + "/members"))
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(member);

        var renamed = api.patch(path("/teams/" + team), Map.of("name", name + " renamed"));
        assertThat(renamed.json().get("name").asText()).isEqualTo(name + " renamed");
        assertThat(api.get(path("/teams?q=renamed")).json().get("total").asLong())
                .isEqualTo(1);

        assertThat(api.delete(path("/teams/" + team + "/members/" + member)).status())
                .isEqualTo(204);
        assertThat(api.get(path("/teams/" + team)).json().get("memberCount").asInt())
                .isZero();
        api.post(path("/teams/" + team + "/members"), Map.of("memberId", member));

        // rule 9: deleting a team never deletes its members
        assertThat(api.delete(path("/teams/" + team)).status()).isEqualTo(204);
        assertThat(api.get(path("/teams/" + team)).status()).isEqualTo(404);
        assertThat(api.get(path("/members/" + member)).status()).isEqualTo(200);
        // its name is free again
        createTeam(name);
    }

    @Test
    void rule1_provisionedMembersAndTeamsAreReadOnlyWhileProvisioningIsOn() {
        enableProvisioning();
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("okta"));
        TeamId pushed = provisionTeam(commands, orgId, "Pushed " + System.nanoTime());
        long events = eventCount();

        JsonNode member = api.get(path("/members/" + okta.value())).json();
        assertThat(member.get("source").asText()).isEqualTo("OKTA");
        assertThat(member.get("readOnly").asBoolean()).isTrue();
        var edit = api.patch(path("/members/" + okta.value()), Map.of("givenName", "Changed"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("code").asText()).isEqualTo("managed-in-okta");
        assertThat(edit.json().get("detail").asText()).contains("managed in Okta");
        assertThat(api.delete(path("/members/" + okta.value())).status()).isEqualTo(409);
        assertThat(api.patch(path("/teams/" + pushed.value()), Map.of("name", "Renamed"))
                        .status())
                .isEqualTo(409);
        assertThat(api.delete(path("/teams/" + pushed.value())).status()).isEqualTo(409);
        assertThat(api.get(path("/teams/" + pushed.value()))
                        .json()
                        .get("readOnly")
                        .asBoolean())
                .isTrue();
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.get(path("/members/" + okta.value()))
                        .json()
                        .get("name")
                        .get("givenName")
                        .asText())
                .isEqualTo("Okta");
    }

    @Test
    void aMemberCarriesTheOtherAttributesTheIdentityProviderSentAsSent() {
        JsonNode issued = enableProvisioning();
        String email = uniqueEmail("grace");
        Http scim = Http.to(issued.get("tenantUrl").asText())
                .bearer(issued.get("secretToken").asText());
        var created = scim.post(
                "/Users",
                Map.of(
                        "schemas",
                        List.of(
                                "urn:ietf:params:scim:schemas:core:2.0:User",
                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
                        "userName",
                        email,
                        "name",
                        Map.of("givenName", "Grace", "familyName", "Hopper"),
                        "title",
                        "Rear Admiral",
                        "phoneNumbers",
                        List.of(Map.of("value", "+1 555 0100", "type", "work")),
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        Map.of("department", "Navy Research", "manager", Map.of("value", "boss-1"))));
        assertThat(created.status()).isEqualTo(201);

        JsonNode attributes = api.get(
                        path("/members/" + created.json().get("id").asText()))
                .json()
                .get("attributes");
        assertThat(attributes.get("title").asText()).isEqualTo("Rear Admiral");
        assertThat(attributes.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+1 555 0100");
        JsonNode enterprise = attributes.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.get("department").asText()).isEqualTo("Navy Research");
        assertThat(enterprise.get("manager").get("value").asText()).isEqualTo("boss-1");
        // neither the core attributes edited here nor what SCIM never keeps
        assertThat(attributes.has("userName")).isFalse();
        assertThat(attributes.has("password")).isFalse();
        // and a member invited here has none
        assertThat(api.get(path("/members/" + invite(uniqueEmail("plain"))))
                        .json()
                        .get("attributes")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void rule2_adminsInviteAndCreateByHandWhileProvisioningIsOn() {
        enableProvisioning();
        String team = createTeam("Manual " + System.nanoTime());
        String member = invite(uniqueEmail("manual"), team);
        assertThat(api.get(path("/members/" + member)).json().get("readOnly").asBoolean())
                .isFalse();
        assertThat(api.get(path("/teams/" + team)).json().get("source").asText())
                .isEqualTo("MANUAL");
    }

    @Test
    void rule3_manualMembersCannotJoinProvisionedTeams() {
        enableProvisioning();
        String teamName = "Okta team " + System.nanoTime();
        TeamId pushed = provisionTeam(commands, orgId, teamName);
        String manualEmail = uniqueEmail("manual");
        String manual = invite(manualEmail);
        api.post(path("/provisioning/disable"), null);
        long events = eventCount();
        var refused = api.post(path("/teams/" + pushed.value() + "/members"), Map.of("memberId", manual));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("manual-member-in-provisioned-team");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("Member " + manualEmail + " (" + manual + ") was invited in the Control Panel and can not"
                        + " be added to team \"" + teamName + "\" (" + pushed.value()
                        + "), which was pushed from Okta");
        String newEmail = uniqueEmail("new");
        var invite = api.post(path("/members"), Map.of("email", newEmail, "teamIds", List.of(pushed.value())));
        assertThat(invite.status()).isEqualTo(409);
        assertThat(invite.json().get("code").asText()).isEqualTo("manual-member-in-provisioned-team");
        // the member was never made: it is named by the email it was to have, without an id
        assertThat(invite.json().get("detail").asText())
                .startsWithIgnoringCase(newEmail + " can not be invited into team " + pushed.value());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void rule4_provisionedMembersJoinManualTeams() {
        enableProvisioning();
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("okta"));
        String team = createTeam("Mixed " + System.nanoTime());
        var added = api.post(path("/teams/" + team + "/members"), Map.of("memberId", okta.value()));
        assertThat(added.status()).isEqualTo(200);
        assertThat(api.get(path("/members/" + okta.value()))
                        .json()
                        .get("teams")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(team);
    }

    @Test
    void rules1to4_aTeamsCandidatesAreTheMembersAnAdminMayAddToItNow() {
        enableProvisioning();
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("okta"));
        TeamId pushed = provisionTeam(commands, orgId, "Pushed " + System.nanoTime());
        String team = createTeam("Mixed " + System.nanoTime());
        invite(uniqueEmail("inside"), team);
        String manual = invite(uniqueEmail("outside"));

        JsonNode candidates = api.get(path("/teams/" + team + "/candidates")).json();
        assertThat(ids(candidates)).containsExactlyInAnyOrder(okta.value(), manual);
        assertThat(candidates.get("total").asLong()).isEqualTo(2);
        assertThat(ids(api.get(path("/teams/" + team + "/candidates?q=outside")).json()))
                .containsExactly(manual);
        JsonNode firstPage =
                api.get(path("/teams/" + team + "/candidates?limit=1")).json();
        assertThat(firstPage.get("items")).hasSize(1);
        assertThat(firstPage.get("total").asLong()).isEqualTo(2);
        assertThat(ids(api.get(path("/teams/" + pushed.value() + "/candidates")).json()))
                .as("nobody is added to a team Okta manages (rule 1)")
                .isEmpty();

        api.post(path("/provisioning/disable"), null);
        assertThat(ids(api.get(path("/teams/" + pushed.value() + "/candidates")).json()))
                .as("into a team pushed from Okta, only members Okta provisioned (rule 3)")
                .containsExactly(okta.value());
        api.post(path("/teams/" + team + "/members"), Map.of("memberId", okta.value()));
        assertThat(ids(api.get(path("/teams/" + team + "/candidates")).json())).containsExactly(manual);

        assertProblem(api.get(path("/teams/" + UUID.randomUUID() + "/candidates")), 404, "team-not-found");
        assertProblem(api.get(path("/teams/" + team + "/candidates?limit=501")), 400, "invalid-value");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void rules5and6_switchingOffMakesProvisionedMembersEditableAndKeepsTheBadge() {
        enableProvisioning();
        MemberId okta = provisionMember(commands, orgId, uniqueEmail("okta"));
        api.post(path("/provisioning/disable"), null);
        var edited = api.patch(path("/members/" + okta.value()), Map.of("givenName", "Edited"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("source").asText()).isEqualTo("OKTA");
        assertThat(edited.json().get("readOnly").asBoolean()).isFalse();
        assertThat(edited.json().get("name").get("givenName").asText()).isEqualTo("Edited");
    }

    @Test
    void rule8_anEmailEditedWhileOffIsFreeForOktaWhenSwitchedOnAgain() {
        enableProvisioning();
        String email = uniqueEmail("moved");
        MemberId old = provisionMember(commands, orgId, email);
        api.post(path("/provisioning/disable"), null);
        api.patch(path("/members/" + old.value()), Map.of("email", uniqueEmail("elsewhere")));
        enableProvisioning();
        MemberId fresh = provisionMember(commands, orgId, email);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(api.get(path("/members?q=" + email.substring(0, 10)))
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void everyResponseCarriesTheRequestId() {
        var response = api.header("X-Request-Id", "script-run-42").get(path("/members"));
        assertThat(response.header("X-Request-Id")).isEqualTo("script-run-42");
        String id = invite(uniqueEmail("traced"));
        String metaData = new String(
                jdbc.queryForObject(
                        "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?", byte[].class, id),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metaData).contains("\"actorKind\":\"ADMIN\"").contains(ApplicationTest.ADMIN);
    }
}
