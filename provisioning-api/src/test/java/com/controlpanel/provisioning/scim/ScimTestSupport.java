package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the SCIM tests share: each test gets a fresh organization with provisioning switched on through the JSON API,
 * and a client pointed at its Tenant URL with its Secret Token, as an administrator would set Okta up.
 */
abstract class ScimTestSupport {

    static final String SCIM_JSON = "application/scim+json; charset=utf-8";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http admin;
    String org;
    String tenantUrl;
    String token;
    Http scim;

    @BeforeEach
    void enableProvisioning() {
        admin = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        var created = admin.post("/api/orgs", Map.of("name", "SCIM org " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        org = created.json().get("id").asText();
        var enabled = admin.post("/api/orgs/" + org + "/provisioning/enable", null);
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        tenantUrl = enabled.json().get("tenantUrl").asText();
        token = enabled.json().get("secretToken").asText();
        scim = Http.to(tenantUrl).bearer(token).header("User-Agent", "Okta SCIM Client 1.0.0");
    }

    Http.Response post(String path, Object body) {
        return scim.send("POST", path, body, SCIM_JSON);
    }

    Http.Response put(String path, Object body) {
        return scim.send("PUT", path, body, SCIM_JSON);
    }

    Http.Response patch(String path, Object body) {
        return scim.send("PATCH", path, body, SCIM_JSON);
    }

    Http.Response get(String path) {
        return scim.get(path);
    }

    /** A PATCH body with these operations. */
    static Map<String, Object> patchOp(Object... operations) {
        return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations));
    }

    static Map<String, Object> op(String op, String path, Object value) {
        var operation = new java.util.LinkedHashMap<String, Object>();
        operation.put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.put("value", value);
        }
        return operation;
    }

    /** A User as Okta's first push sends it. */
    static ObjectNode oktaUser(String userName, String givenName, String familyName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add(USER_SCHEMA);
        user.put("userName", userName);
        ObjectNode name = user.putObject("name");
        name.put("givenName", givenName);
        name.put("familyName", familyName);
        ObjectNode email = user.putArray("emails").addObject();
        email.put("primary", true);
        email.put("value", userName);
        email.put("type", "work");
        user.put("displayName", givenName + " " + familyName);
        user.put("locale", "en-US");
        user.put(
                "externalId",
                "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17));
        user.putArray("groups");
        user.put("password", "1mz050nq");
        user.put("active", true);
        return user;
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Creates a User the way Okta does and returns it as answered. */
    JsonNode createUser(String userName) {
        return createUser(oktaUser(userName, "Given", "Family"));
    }

    JsonNode createUser(ObjectNode user) {
        var created = post("/Users", user);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode createGroup(String displayName, String... memberIds) {
        var members = java.util.Arrays.stream(memberIds)
                .map(id -> Map.of("value", id))
                .toList();
        var created = post(
                "/Groups", Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", displayName, "members", members));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** Every event stored for this organization: a refused request must not change it. */
    long eventCount() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE organization_id = ?", Long.class, org);
    }

    /** Asserts an RFC 7644 §3.12 error: status as a string, the scimType (or none), a detail. */
    static void assertError(Http.Response response, int status, String scimType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/scim+json");
        JsonNode error = response.json();
        assertThat(error.get("schemas").get(0).asText()).isEqualTo(ERROR_SCHEMA);
        assertThat(error.get("status").isTextual()).isTrue();
        assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
        if (scimType == null) {
            assertThat(error.has("scimType")).as(response.toString()).isFalse();
        } else {
            assertThat(error.path("scimType").asText()).as(response.toString()).isEqualTo(scimType);
        }
        assertThat(error.get("detail").asText()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "\tat ");
    }

    static String filter(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
