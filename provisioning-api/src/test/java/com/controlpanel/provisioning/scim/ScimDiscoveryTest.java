package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /ServiceProviderConfig}, {@code /ResourceTypes}, {@code /Schemas}: what is supported, truthfully. */
@ApplicationTest
class ScimDiscoveryTest extends ScimTestSupport {

    @Test
    void serviceProviderConfigTellsWhatIsSupported() {
        var response = get("/ServiceProviderConfig");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/scim+json");
        JsonNode config = response.json();
        assertThat(config.get("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.get("patch").get("supported").asBoolean()).isTrue();
        assertThat(config.get("bulk").get("supported").asBoolean()).isFalse();
        assertThat(config.get("filter").get("supported").asBoolean()).isTrue();
        assertThat(config.get("filter").get("maxResults").asInt()).isEqualTo(500);
        assertThat(config.get("changePassword").get("supported").asBoolean()).isFalse();
        assertThat(config.get("sort").get("supported").asBoolean()).isTrue();
        assertThat(config.get("etag").get("supported").asBoolean()).isTrue();
        assertThat(config.get("authenticationSchemes").get(0).get("type").asText())
                .isEqualTo("oauthbearertoken");

        // what it says is what it does: maxResults is the most one page holds
        for (int i = 0; i < 3; i++) {
            createUser(unique("max" + i));
        }
        assertThat(get("/Users?count=501").json().get("itemsPerPage").asInt()).isEqualTo(3);
    }

    @Test
    void resourceTypesNameTheEndpointsAndSchemas() {
        JsonNode types = get("/ResourceTypes").json();
        assertThat(types.get("totalResults").asInt()).isEqualTo(2);
        JsonNode user = types.get("Resources").get(0);
        assertThat(user.get("id").asText()).isEqualTo("User");
        assertThat(user.get("endpoint").asText()).isEqualTo("/Users");
        assertThat(user.get("schema").asText()).isEqualTo(USER_SCHEMA);
        assertThat(user.get("schemaExtensions").get(0).get("schema").asText()).isEqualTo(ENTERPRISE);
        assertThat(user.get("meta").get("location").asText()).isEqualTo(tenantUrl + "/ResourceTypes/User");
        JsonNode group = get("/ResourceTypes/Group").json();
        assertThat(group.get("endpoint").asText()).isEqualTo("/Groups");
        assertThat(group.get("schema").asText()).isEqualTo(GROUP_SCHEMA);
        assertError(get("/ResourceTypes/Device"), 404, null);
    }

    @Test
    void schemasDescribeEveryAttributeTheServerKeeps() {
        JsonNode schemas = get("/Schemas").json();
        assertThat(schemas.get("Resources").findValuesAsText("id")).contains(USER_SCHEMA, ENTERPRISE, GROUP_SCHEMA);
        JsonNode user = get("/Schemas/" + USER_SCHEMA).json();
        List<String> names = new ArrayList<>();
        user.get("attributes")
                .forEach(attribute -> names.add(attribute.get("name").asText()));
        assertThat(names)
                .contains(
                        "userName",
                        "name",
                        "displayName",
                        "title",
                        "active",
                        "password",
                        "emails",
                        "phoneNumbers",
                        "addresses",
                        "groups",
                        "x509Certificates");
        JsonNode userName = attribute(user, "userName");
        assertThat(userName.get("required").asBoolean()).isTrue();
        assertThat(userName.get("uniqueness").asText()).isEqualTo("server");
        assertThat(userName.get("caseExact").asBoolean()).isFalse();
        JsonNode password = attribute(user, "password");
        assertThat(password.get("mutability").asText()).isEqualTo("writeOnly");
        assertThat(password.get("returned").asText()).isEqualTo("never");
        assertThat(attribute(user, "groups").get("mutability").asText()).isEqualTo("readOnly");
        assertThat(attribute(user, "emails").get("subAttributes").findValuesAsText("name"))
                .containsExactly("value", "display", "type", "primary");
        JsonNode enterprise = get("/Schemas/" + ENTERPRISE).json();
        assertThat(attribute(enterprise, "manager").get("subAttributes").findValuesAsText("name"))
                .containsExactly("value", "$ref", "displayName");
        assertError(get("/Schemas/urn:example:unknown"), 404, null);
        // a URN is the same in any case
        assertThat(get("/Schemas/" + ENTERPRISE.toUpperCase(java.util.Locale.ROOT))
                        .json())
                .isEqualTo(enterprise);
    }

    @Test
    void discoveryNeedsTheTokenAndTakesNoFilter() {
        assertError(Http.to(tenantUrl).get("/ServiceProviderConfig"), 401, null);
        assertError(get("/Schemas?filter=" + filter("id eq \"x\"")), 403, null);
    }

    private static JsonNode attribute(JsonNode schema, String name) {
        for (JsonNode attribute : schema.get("attributes")) {
            if (attribute.get("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("No attribute " + name);
    }
}
