package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Okta's call sequences (OKTA-SCIM.md), over HTTP against the running application. */
@ApplicationTest
class OktaScimTest extends ScimTestSupport {

    @Test
    void testApiCredentialsOnAnEmptyOrganizationIsAnEmptyList() {
        for (String path : List.of(
                "/Users?startIndex=1&count=2", "/Users?count=1&startIndex=1", "/Groups?startIndex=1&count=100")) {
            var response = get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("application/scim+json");
            JsonNode list = response.json();
            assertThat(list.get("schemas").get(0).asText())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            assertThat(list.get("totalResults").isInt()).isTrue();
            assertThat(list.get("totalResults").asInt()).isZero();
            assertThat(list.get("startIndex").asInt()).isEqualTo(1);
            assertThat(list.get("itemsPerPage").asInt()).isZero();
            assertThat(list.get("Resources").size()).isZero();
        }
    }

    @Test
    void userLifecycleAsOktaRunsIt() {
        String userName = unique("Alice.Adams");
        var search = get("/Users?filter=" + filter("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().get("totalResults").asInt()).isZero();

        ObjectNode sent = oktaUser(userName, "Alice", "Adams");
        var created = post("/Users", sent);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode user = created.json();
        String id = user.get("id").asText();
        assertThat(created.header("Location")).isEqualTo(tenantUrl + "/Users/" + id);
        assertThat(user.get("schemas").get(0).asText()).isEqualTo(USER_SCHEMA);
        assertThat(user.get("userName").asText()).isEqualTo(userName);
        assertThat(user.get("name").get("givenName").asText()).isEqualTo("Alice");
        assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo(userName);
        assertThat(user.get("emails").get(0).get("primary").asBoolean()).isTrue();
        assertThat(user.get("locale").asText()).isEqualTo("en-US");
        assertThat(user.get("externalId").asText())
                .isEqualTo(sent.get("externalId").asText());
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.has("password")).isFalse();
        assertThat(created.text()).doesNotContain("1mz050nq");
        JsonNode meta = user.get("meta");
        assertThat(meta.get("resourceType").asText()).isEqualTo("User");
        assertThat(meta.get("location").asText()).isEqualTo(tenantUrl + "/Users/" + id);
        assertThat(meta.get("created").asText()).isNotBlank();
        assertThat(meta.get("lastModified").asText()).isNotBlank();
        assertThat(meta.get("version").asText())
                .isEqualTo(created.header("ETag"))
                .startsWith("W/\"");

        // The spec test searches the all-uppercase form and expects the user.
        var found = get("/Users?filter=" + filter("userName eq \"" + userName.toUpperCase() + "\"")
                + "&startIndex=1&count=100");
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().get("Resources").get(0).get("id").asText()).isEqualTo(id);

        var duplicate = post("/Users", oktaUser(userName.toUpperCase(), "Other", "Person"));
        assertError(duplicate, 409, "uniqueness");

        var read = get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("userName").asText()).isEqualTo(userName);
        assertThat(read.header("ETag"))
                .isEqualTo(read.json().get("meta").get("version").asText());
        assertError(get("/Users/010101-no-such-user"), 404, null);

        // Custom (app-wizard) apps send every update as a PUT of the whole object, id, meta and groups included.
        ObjectNode whole = (ObjectNode) read.json().deepCopy();
        ((ObjectNode) whole.get("name")).put("givenName", "Alicia");
        var replaced = put("/Users/" + id, whole);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("name").get("givenName").asText()).isEqualTo("Alicia");
        assertThat(get("/Users/" + id).json().get("name").get("givenName").asText())
                .isEqualTo("Alicia");

        var deactivated = patch("/Users/" + id, patchOp(op("replace", null, Map.of("active", false))));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(get("/Users/" + id).json().get("active").asBoolean()).isFalse();
        var stillListed = get("/Users?filter=" + filter("userName eq \"" + userName + "\""));
        assertThat(stillListed.json().get("Resources").get(0).get("active").asBoolean())
                .isFalse();

        var reactivated = patch("/Users/" + id, patchOp(op("replace", null, Map.of("active", true))));
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().get("active").asBoolean()).isTrue();

        long events = eventCount();
        var password = patch("/Users/" + id, patchOp(op("replace", null, Map.of("password", "t0p-S3cret-pw"))));
        assertThat(password.status()).isEqualTo(200);
        assertThat(password.text()).doesNotContain("t0p-S3cret-pw");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(storedEventsContain("t0p-S3cret-pw")).isFalse();
        assertThat(storedEventsContain("1mz050nq")).isFalse();
    }

    @Test
    void everyWriteIsRecordedWithTheIntegrationAsActorAndTheRequestId() throws Exception {
        var created = scim.header("X-Request-Id", "okta-req-4711")
                .send("POST", "/Users", oktaUser(unique("audited"), "Audit", "Ed"), SCIM_JSON);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        byte[] metaData = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                byte[].class,
                id);
        JsonNode recorded = JSON.readTree(new String(metaData, StandardCharsets.UTF_8));
        assertThat(recorded.get("actorKind").asText()).isEqualTo("IDENTITY_PROVIDER");
        assertThat(recorded.get("requestId").asText()).isEqualTo("okta-req-4711");
        assertThat(recorded.get("client").asText()).isEqualTo("Okta SCIM Client 1.0.0");
    }

    @Test
    void acceptsApplicationJsonAndAlwaysAnswersScimJson() {
        var created = scim.send("POST", "/Users", oktaUser(unique("plain-json"), "Plain", "Json"), "application/json");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/scim+json");
        var withCharset = scim.send(
                "POST", "/Users", oktaUser(unique("charset"), "Char", "Set"), "application/json; charset=utf-8");
        assertThat(withCharset.status()).isEqualTo(201);
        var read = scim.header("Accept", "application/json")
                .get("/Users/" + created.json().get("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).startsWith("application/scim+json");
    }

    @Test
    void groupPushLifecycleAsOktaRunsIt() {
        String ann = createUser(unique("ann")).get("id").asText();
        String bob = createUser(unique("bob")).get("id").asText();

        assertThat(get("/Groups?filter=" + filter("displayName eq \"Eng\""))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();
        var created =
                post("/Groups", Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", "Eng", "members", List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(tenantUrl + "/Groups/" + id);
        assertThat(created.json().get("displayName").asText()).isEqualTo("Eng");
        assertThat(created.json().get("meta").get("resourceType").asText()).isEqualTo("Group");
        assertThat(created.json().get("meta").get("version").asText()).isEqualTo(created.header("ETag"));

        var found = get("/Groups?filter=" + filter("displayName eq \"Eng\""));
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().get("Resources").get(0).get("id").asText()).isEqualTo(id);
        assertThat(get("/Groups/" + id).status()).isEqualTo(200);
        assertError(get("/Groups/no-such-group"), 404, null);

        var added =
                patch("/Groups/" + id, patchOp(op("add", "members", List.of(Map.of("value", ann, "display", "Ann")))));
        assertThat(added.status()).as(added.toString()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactly(ann);

        var swapped = patch(
                "/Groups/" + id,
                patchOp(
                        op("remove", "members[value eq \"" + ann + "\"]", null),
                        op("add", "members", List.of(Map.of("value", bob)))));
        assertThat(swapped.status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactly(bob);

        var fullPush = patch(
                "/Groups/" + id,
                patchOp(op("replace", "members", List.of(Map.of("value", ann), Map.of("value", bob)))));
        assertThat(fullPush.status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactlyInAnyOrder(ann, bob);

        long events = eventCount();
        var sameName = patch("/Groups/" + id, patchOp(op("replace", null, Map.of("id", id, "displayName", "Eng"))));
        assertThat(sameName.status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(events);
        var renamed =
                patch("/Groups/" + id, patchOp(op("replace", null, Map.of("id", id, "displayName", "Engineering"))));
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(get("/Groups/" + id).json().get("displayName").asText()).isEqualTo("Engineering");

        var put = put(
                "/Groups/" + id,
                Map.of(
                        "schemas",
                        List.of(GROUP_SCHEMA),
                        "id",
                        id,
                        "displayName",
                        "Engineering Team",
                        "members",
                        List.of(Map.of("value", bob))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("displayName").asText()).isEqualTo("Engineering Team");
        assertThat(memberIds(id)).containsExactly(bob);

        var listed = get("/Groups?startIndex=1&count=100");
        assertThat(listed.json().get("Resources").get(0).get("members").size()).isEqualTo(1);
        var withoutMembers = get("/Groups?startIndex=1&count=100&excludedAttributes=members");
        assertThat(withoutMembers.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(withoutMembers.json().get("Resources").get(0).has("members")).isFalse();
        assertThat(withoutMembers
                        .json()
                        .get("Resources")
                        .get(0)
                        .get("displayName")
                        .asText())
                .isEqualTo("Engineering Team");

        var duplicate = post("/Groups", Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", "engineering team"));
        assertError(duplicate, 409, "uniqueness");

        assertThat(scim.delete("/Groups/" + id).status()).isEqualTo(204);
        assertError(get("/Groups/" + id), 404, null);
        assertThat(get("/Users/" + ann).status()).isEqualTo(200);
        assertThat(get("/Users/" + bob).status()).isEqualTo(200);
        List<String> types = jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                id);
        assertThat(types)
                .anyMatch(type -> type.endsWith("MemberAddedToTeam"))
                .anyMatch(type -> type.endsWith("MemberRemovedFromTeam"))
                .anyMatch(type -> type.endsWith("TeamRenamed"))
                .last()
                .satisfies(type -> assertThat(type).endsWith("TeamDeleted"));
    }

    @Test
    void importPagesEveryUserExactlyOnceInAStableOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createUser(unique("page" + i)).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 7; startIndex += 3) {
            JsonNode page = get("/Users?startIndex=" + startIndex + "&count=3").json();
            assertThat(page.get("totalResults").asInt()).isEqualTo(7);
            assertThat(page.get("startIndex").asInt()).isEqualTo(startIndex);
            assertThat(page.get("itemsPerPage").asInt())
                    .isEqualTo(page.get("Resources").size());
            page.get("Resources").forEach(user -> seen.add(user.get("id").asText()));
        }
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(get("/Users?startIndex=1&count=3")
                        .json()
                        .get("Resources")
                        .get(2)
                        .get("id")
                        .asText())
                .isEqualTo(created.get(2));

        JsonNode onlyTotal = get("/Users?count=0").json();
        assertThat(onlyTotal.get("totalResults").asInt()).isEqualTo(7);
        assertThat(onlyTotal.get("itemsPerPage").asInt()).isZero();
        assertThat(onlyTotal.get("Resources").size()).isZero();
        JsonNode beyond = get("/Users?startIndex=50&count=10").json();
        assertThat(beyond.get("totalResults").asInt()).isEqualTo(7);
        assertThat(beyond.get("Resources").size()).isZero();
        JsonNode clamped = get("/Users?startIndex=0&count=-5").json();
        assertThat(clamped.get("startIndex").asInt()).isEqualTo(1);
        assertThat(clamped.get("itemsPerPage").asInt()).isZero();
        JsonNode tooMany = get("/Users?count=100000").json();
        assertThat(tooMany.get("itemsPerPage").asInt()).isEqualTo(7);
        // past 64 bits still only a number too large: as many as there are, and a start past the end
        JsonNode beyond64Bits = get("/Users?count=99999999999999999999").json();
        assertThat(beyond64Bits.get("itemsPerPage").asInt()).isEqualTo(7);
        JsonNode startBeyond64Bits =
                get("/Users?startIndex=99999999999999999999&count=10").json();
        assertThat(startBeyond64Bits.get("Resources").size()).isZero();
        assertThat(get("/Users?count=-99999999999999999999")
                        .json()
                        .get("itemsPerPage")
                        .asInt())
                .isZero();
        assertThat(get("/Users?count=1e3").status()).isEqualTo(400);
    }

    @Test
    void refusesEveryRequestWithoutTheTenantsCurrentTokenWith401() {
        String path = "/Users?startIndex=1&count=2";
        assertUnauthorized(Http.to(tenantUrl).get(path));
        assertUnauthorized(
                Http.to(tenantUrl).header("Authorization", "non-token").get(path));
        assertUnauthorized(Http.to(tenantUrl).bearer("scim_wrong-token").get(path));

        var other = admin.post("/api/orgs", Map.of("name", "Other org " + System.nanoTime()));
        String otherOrg = other.json().get("id").asText();
        String otherToken = admin.post("/api/orgs/" + otherOrg + "/provisioning/enable", null)
                .json()
                .get("secretToken")
                .asText();
        assertUnauthorized(Http.to(tenantUrl).bearer(otherToken).get(path));

        var regenerated = admin.post("/api/orgs/" + org + "/provisioning/credentials", null);
        String newToken = regenerated.json().get("secretToken").asText();
        assertUnauthorized(Http.to(tenantUrl).bearer(token).get(path));
        assertThat(Http.to(tenantUrl).bearer(newToken).get(path).status()).isEqualTo(200);

        admin.post("/api/orgs/" + org + "/provisioning/disable", null);
        assertUnauthorized(Http.to(tenantUrl).bearer(newToken).get(path));
        assertUnauthorized(Http.to(tenantUrl)
                .bearer(newToken)
                .send("POST", "/Users", oktaUser(unique("late"), "A", "B"), SCIM_JSON));
    }

    @Test
    void oneOrganizationsTokenNeverReachesAnothersUsers() {
        String id = createUser(unique("mine")).get("id").asText();
        var other = admin.post("/api/orgs", Map.of("name", "Other org " + System.nanoTime()));
        String otherOrg = other.json().get("id").asText();
        JsonNode enabled = admin.post("/api/orgs/" + otherOrg + "/provisioning/enable", null)
                .json();
        Http otherScim = Http.to(enabled.get("tenantUrl").asText())
                .bearer(enabled.get("secretToken").asText());
        assertError(otherScim.get("/Users/" + id), 404, null);
        assertError(
                otherScim.send(
                        "PATCH", "/Users/" + id, patchOp(op("replace", null, Map.of("active", false))), SCIM_JSON),
                404,
                null);
        assertError(otherScim.delete("/Users/" + id), 404, null);
        assertThat(otherScim.get("/Users").json().get("totalResults").asInt()).isZero();
        assertThat(get("/Users/" + id).json().get("active").asBoolean()).isTrue();
    }

    private static void assertUnauthorized(Http.Response response) {
        assertError(response, 401, null);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private Set<String> memberIds(String groupId) {
        Set<String> ids = new HashSet<>();
        JsonNode members = get("/Groups/" + groupId).json().path("members");
        members.forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    private boolean storedEventsContain(String text) {
        List<byte[]> payloads = jdbc.queryForList(
                "SELECT payload FROM domain_event_entry WHERE organization_id = ?", byte[].class, org);
        return payloads.stream().anyMatch(payload -> new String(payload, StandardCharsets.UTF_8).contains(text));
    }
}
