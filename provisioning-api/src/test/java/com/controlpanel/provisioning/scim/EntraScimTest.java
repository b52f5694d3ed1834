package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Microsoft Entra ID sends differently from Okta (OKTA-SCIM.md, "Entra ID differences"), over HTTP. */
@ApplicationTest
class EntraScimTest extends ScimTestSupport {

    @Test
    void acceptsCapitalisedOpsAndBooleansAsStrings() {
        String id = createUser(unique("entra-bool")).get("id").asText();
        var deactivated = patch("/Users/" + id, patchOp(op("Replace", "active", "False")));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().get("active").asBoolean()).isFalse();
        var reactivated = patch("/Users/" + id, patchOp(op("Replace", null, Map.of("active", "True"))));
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().get("active").asBoolean()).isTrue();
        var added = patch("/Users/" + id, patchOp(op("Add", "title", "Engineer")));
        assertThat(added.json().get("title").asText()).isEqualTo("Engineer");
        var removed = patch("/Users/" + id, patchOp(op("Remove", "title", null)));
        assertThat(removed.json().has("title")).isFalse();
    }

    @Test
    void acceptsPathsOnSingleAttributesAndDottedKeysWithoutPath() {
        String userName = unique("entra-paths");
        String id = createUser(userName).get("id").asText();
        var patched = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "displayName", "Ann Entra"),
                        op("Replace", "emails[type eq \"work\"].value", "ann.entra@example.com"),
                        op("Replace", "name.familyName", "Entra"),
                        op("Add", null, Map.of("name.givenName", "Ann", "preferredLanguage", "en-GB"))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode user = get("/Users/" + id).json();
        assertThat(user.get("displayName").asText()).isEqualTo("Ann Entra");
        assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo("ann.entra@example.com");
        assertThat(user.get("emails").get(0).get("type").asText()).isEqualTo("work");
        assertThat(user.get("name").get("familyName").asText()).isEqualTo("Entra");
        assertThat(user.get("name").get("givenName").asText()).isEqualTo("Ann");
        assertThat(user.get("preferredLanguage").asText()).isEqualTo("en-GB");
        assertThat(user.get("userName").asText()).isEqualTo(userName);
    }

    @Test
    void aPathlessValueGivingASubAttributeBothDottedAndNestedIsRefusedAndChangesNothing() {
        String id = createUser(unique("entra-clash")).get("id").asText();
        JsonNode before = get("/Users/" + id).json();
        for (String givenName : List.of("givenName", "GIVENNAME")) {
            var refused = patch(
                    "/Users/" + id,
                    patchOp(op(
                            "Replace", null, Map.of("name", Map.of(givenName, "Nested"), "name.givenName", "Dotted"))));
            assertError(refused, 400, "invalidSyntax");
            assertThat(refused.json().get("detail").asText())
                    .contains("'name.givenName'")
                    .contains("'" + givenName + "' in 'name'")
                    .contains("give each attribute once");
        }
        assertThat(get("/Users/" + id).json().get("name")).isEqualTo(before.get("name"));

        // one sub-attribute dotted and another nested: both are taken
        var both = patch(
                "/Users/" + id,
                patchOp(op(
                        "Replace", null, Map.of("name", Map.of("givenName", "Nested"), "name.familyName", "Dotted"))));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        JsonNode name = get("/Users/" + id).json().get("name");
        assertThat(name.get("givenName").asText()).isEqualTo("Nested");
        assertThat(name.get("familyName").asText()).isEqualTo("Dotted");
    }

    @Test
    void filtersOnExternalIdAndAnswersItsConnectionTestWithAnEmptyList() {
        ObjectNode sent = oktaUser(unique("entra-ext"), "Ext", "Ernal");
        sent.put("externalId", "7f0a5e2c-Entra-Object-Id");
        String id = createUser(sent).get("id").asText();
        var byExternalId = get("/Users?filter=" + filter("externalId eq \"7f0a5e2c-Entra-Object-Id\""));
        assertThat(byExternalId.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(byExternalId.json().get("Resources").get(0).get("id").asText())
                .isEqualTo(id);
        // externalId is caseExact
        assertThat(get("/Users?filter=" + filter("externalId eq \"7F0A5E2C-ENTRA-OBJECT-ID\""))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();

        var connectionTest = get("/Users?filter=userName+eq+%22" + java.util.UUID.randomUUID() + "%22");
        assertThat(connectionTest.status()).isEqualTo(200);
        assertThat(connectionTest.json().get("totalResults").asInt()).isZero();

        // Entra encodes spaces as '+', Okta as %20: both are the same filter.
        String userName = sent.get("userName").asText();
        var plus = get("/Users?filter=userName+eq+%22" + userName + "%22");
        var percent = get("/Users?filter=userName%20eq%20%22" + userName + "%22");
        assertThat(plus.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(percent.json().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void everyAdvertisedAttributeRoundTripsExactly() {
        ObjectNode sent = JSON.createObjectNode();
        sent.putArray("schemas").add(USER_SCHEMA).add(ENTERPRISE);
        sent.put("externalId", "ext-round-trip");
        sent.put("userName", unique("round.trip"));
        ObjectNode name = sent.putObject("name");
        name.put("formatted", "Ms. Barbara J Jensen, III");
        name.put("familyName", "Jensen");
        name.put("givenName", "Barbara");
        name.put("middleName", "Jane");
        name.put("honorificPrefix", "Ms.");
        name.put("honorificSuffix", "III");
        sent.put("displayName", "Babs Jensen");
        sent.put("nickName", "Babs");
        sent.put("profileUrl", "https://login.example.com/bjensen");
        sent.put("title", "Tour Guide");
        sent.put("userType", "Employee");
        sent.put("preferredLanguage", "en-US");
        sent.put("locale", "en-US");
        sent.put("timezone", "America/Los_Angeles");
        sent.put("active", true);
        ArrayNode emails = sent.putArray("emails");
        emails.addObject()
                .put("value", sent.get("userName").asText())
                .put("type", "work")
                .put("primary", true)
                .put("display", "Work mail");
        emails.addObject().put("value", "babs@jensen.org").put("type", "home");
        sent.putArray("phoneNumbers")
                .addObject()
                .put("value", "555-555-8377")
                .put("type", "work")
                .put("primary", true);
        sent.putArray("ims").addObject().put("value", "someaimhandle").put("type", "aim");
        sent.putArray("photos")
                .addObject()
                .put("value", "https://photos.example.com/profilephoto/72930000000Ccne/F")
                .put("type", "photo");
        sent.putArray("addresses")
                .addObject()
                .put("type", "work")
                .put("streetAddress", "100 Universal City Plaza")
                .put("locality", "Hollywood")
                .put("region", "CA")
                .put("postalCode", "91608")
                .put("country", "USA")
                .put("formatted", "100 Universal City Plaza\nHollywood, CA 91608 USA")
                .put("primary", true);
        sent.putArray("entitlements").addObject().put("value", "Premium").put("primary", true);
        sent.putArray("roles").addObject().put("value", "Tour Guide").put("type", "staff");
        sent.putArray("x509Certificates").addObject().put("value", "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw");
        ObjectNode enterprise = sent.putObject(ENTERPRISE);
        enterprise.put("employeeNumber", "701984");
        enterprise.put("costCenter", "4130");
        enterprise.put("organization", "Universal Studios");
        enterprise.put("division", "Theme Park");
        enterprise.put("department", "Tour Operations");
        enterprise
                .putObject("manager")
                .put("value", "26118915-6090-4610-87e4-49d8ca9f808d")
                .put("$ref", "../Users/26118915-6090-4610-87e4-49d8ca9f808d")
                .put("displayName", "John Smith");

        JsonNode created = createUser(sent.deepCopy().put("password", "t1meMa$heen"));
        assertRoundTrip(sent, created);
        assertRoundTrip(sent, get("/Users/" + created.get("id").asText()).json());
        assertThat(created.get("schemas").toString()).contains(ENTERPRISE);

        // PUT the whole thing back: nothing changes, nothing is recorded.
        long events = eventCount();
        var unchanged = put("/Users/" + created.get("id").asText(), created);
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
        assertRoundTrip(sent, unchanged.json());
    }

    @Test
    void patchesTheEnterpriseExtensionAsEntraSendsIt() {
        String id = createUser(unique("entra-enterprise")).get("id").asText();
        var patched = patch(
                "/Users/" + id,
                patchOp(
                        op("Add", ENTERPRISE + ":employeeNumber", "4711"),
                        op("Replace", ENTERPRISE + ":department", "Research"),
                        op("Add", ENTERPRISE + ":manager", "0a1b2c3d-manager-id"),
                        op("Replace", null, Map.of(ENTERPRISE + ":costCenter", "CC-9"))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode enterprise = get("/Users/" + id).json().get(ENTERPRISE);
        assertThat(enterprise.get("employeeNumber").asText()).isEqualTo("4711");
        assertThat(enterprise.get("department").asText()).isEqualTo("Research");
        assertThat(enterprise.get("costCenter").asText()).isEqualTo("CC-9");
        assertThat(enterprise.get("manager").get("value").asText()).isEqualTo("0a1b2c3d-manager-id");
        assertThat(get("/Users?filter=" + filter(ENTERPRISE + ":department eq \"research\""))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isEqualTo(1);
    }

    /** With the listed value ignored, a remove of the former manager, after a new one was set, took the new one. */
    @Test
    void aRemoveOfTheManagerThatListsAnotherManagerRemovesNothing() {
        String id = createUser(unique("entra-manager")).get("id").asText();
        String manager = ENTERPRISE + ":manager";
        assertThat(patch("/Users/" + id, patchOp(op("Add", manager, "new-manager-id")))
                        .status())
                .isEqualTo(200);
        long events = eventCount();

        for (Object former : List.of(
                List.of(Map.of("value", "former-manager-id")),
                Map.of("value", "former-manager-id"),
                "former-manager-id")) {
            var kept = patch("/Users/" + id, patchOp(op("Remove", manager, former)));
            assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
            assertThat(kept.json().get(ENTERPRISE).get("manager").get("value").asText())
                    .isEqualTo("new-manager-id");
        }
        assertThat(eventCount()).as("events of removes that removed nothing").isEqualTo(events);
        // in one request: the manager an earlier operation set is the one a later remove finds
        var replacedThenKept = patch(
                "/Users/" + id,
                patchOp(op("Replace", manager, "newer-manager-id"), op("Remove", manager, List.of("new-manager-id"))));
        assertThat(replacedThenKept
                        .json()
                        .get(ENTERPRISE)
                        .get("manager")
                        .get("value")
                        .asText())
                .isEqualTo("newer-manager-id");

        var removed =
                patch("/Users/" + id, patchOp(op("Remove", manager, List.of(Map.of("value", "NEWER-manager-id")))));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path(ENTERPRISE).has("manager")).isFalse();
        var unnamed = patch("/Users/" + id, patchOp(op("Remove", manager, List.of(Map.of("displayName", "Ann")))));
        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(400);
        assertThat(unnamed.json().get("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void patchesRolesSelectedByPrimaryAsAStringAndAnAddToAFilteredValueReplacesIt() {
        ObjectNode sent = oktaUser(unique("entra-roles"), "Rhea", "Roles");
        sent.putArray("roles")
                .addObject()
                .put("primary", "True")
                .put("value", "admin")
                .put("display", "Admin")
                .put("type", "WindowsAzureActiveDirectoryRole");
        sent.putArray("phoneNumbers").addObject().put("type", "work").put("value", "555-0100");
        String id = createUser(sent).get("id").asText();

        // the SCIM validator's update, as Entra sends it for an app with roles mapped
        var patched = patch(
                "/Users/" + id,
                patchOp(
                        op("replace", "roles[primary eq \"True\"].display", "Reader"),
                        op("replace", "roles[primary eq \"True\"].value", "reader"),
                        op("add", "roles[primary eq \"True\"].type", "AppRole"),
                        op("Add", "emails[type eq \"work\"].value", "rhea.new@example.com"),
                        op("Add", "phoneNumbers[type eq \"work\"].value", "555-0199"),
                        op("Add", null, Map.of("phoneNumbers[type eq \"mobile\"].value", "555-0142"))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        JsonNode user = get("/Users/" + id).json();
        assertThat(user.get("roles").size())
                .as("the primary role changed, none added")
                .isEqualTo(1);
        JsonNode role = user.get("roles").get(0);
        assertThat(role.get("value").asText()).isEqualTo("reader");
        assertThat(role.get("display").asText()).isEqualTo("Reader");
        assertThat(role.get("type").asText()).isEqualTo("AppRole");
        assertThat(role.get("primary").asBoolean()).isTrue();
        assertThat(user.get("emails").size()).isEqualTo(1);
        assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo("rhea.new@example.com");
        assertThat(user.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0199", "555-0142");

        var otherRoles = patch("/Users/" + id, patchOp(op("replace", "roles[primary eq \"False\"].value", "writer")));
        assertThat(otherRoles.status()).as(otherRoles.toString()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().get("roles").findValuesAsText("value"))
                .as("a replace no value matches creates the value, as an add does")
                .containsExactly("reader", "writer");
    }

    @Test
    void aReplaceOfAFilteredValueThatIsNotThereYetCreatesIt() {
        // Entra's delta sync once an attribute gets a value after the first sync: a replace, whether or not the value
        // exists. Refusing it (RFC 7644 §3.5.2.3's noTarget) would refuse the whole request, the deactivation with it.
        ObjectNode sent = oktaUser(unique("entra-delta"), "Dora", "Delta");
        sent.putArray("emails").addObject().put("type", "home").put("value", "dora@home.example.com");
        String id = createUser(sent).get("id").asText();

        var patched = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "active", "False"),
                        op("Replace", "phoneNumbers[type eq \"work\"].value", "+1 425 555 0100"),
                        op("Replace", "addresses[type eq \"work\"].formatted", "18/2111"),
                        op("Replace", "emails[type eq \"work\"].value", "dora@example.com"),
                        op("Add", ENTERPRISE + ":department", "Retail")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        JsonNode user = get("/Users/" + id).json();
        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(user.get("phoneNumbers")).hasSize(1);
        assertThat(user.get("phoneNumbers").get(0).get("type").asText()).isEqualTo("work");
        assertThat(user.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+1 425 555 0100");
        assertThat(user.get("addresses").get(0).get("type").asText()).isEqualTo("work");
        assertThat(user.get("addresses").get(0).get("formatted").asText()).isEqualTo("18/2111");
        assertThat(user.get("emails").findValuesAsText("value"))
                .containsExactlyInAnyOrder("dora@home.example.com", "dora@example.com");
        assertThat(user.get(ENTERPRISE).get("department").asText()).isEqualTo("Retail");

        // the next delta sync replaces the values it created, it does not add more
        var again = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "phoneNumbers[type eq \"work\"].value", "+1 425 555 0199"),
                        op("Replace", "emails[type eq \"work\"].value", "dora.delta@example.com")));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        JsonNode after = get("/Users/" + id).json();
        assertThat(after.get("phoneNumbers").findValuesAsText("value")).containsExactly("+1 425 555 0199");
        assertThat(after.get("emails").findValuesAsText("value"))
                .containsExactlyInAnyOrder("dora@home.example.com", "dora.delta@example.com");

        // clearing a value that is not there leaves nothing behind
        var cleared = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "phoneNumbers[type eq \"mobile\"].value", ""),
                        op("Replace", "emails[type eq \"other\"].value", ""),
                        op("Replace", "addresses[type eq \"home\"].formatted", "")));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(get("/Users/" + id).json()).isEqualTo(after);
    }

    @Test
    void anAttributeSentAsAnEmptyStringIsCleared() {
        ObjectNode sent = oktaUser(unique("entra-empty"), "Emma", "Empty");
        sent.put("title", "Lead");
        sent.putObject(ENTERPRISE).putObject("manager").put("value", "0a1b2c3d-manager-id");
        String id = createUser(sent).get("id").asText();
        String present =
                "/Users?filter=" + filter("id eq \"" + id + "\" and (title pr or " + ENTERPRISE + ":manager.value pr)");
        assertThat(get(present).json().get("totalResults").asInt()).isEqualTo(1);

        var cleared =
                patch("/Users/" + id, patchOp(op("Replace", ENTERPRISE + ":manager", ""), op("Replace", "title", "")));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        JsonNode user = get("/Users/" + id).json();
        assertThat(user.has("title")).isFalse();
        assertThat(user.has(ENTERPRISE)).isFalse();
        assertThat(get(present).json().get("totalResults").asInt()).isZero();

        var noDisplayName = patch("/Users/" + id, patchOp(op("Replace", "displayName", "")));
        assertThat(noDisplayName.status()).as(noDisplayName.toString()).isEqualTo(200);
        assertThat(get("/Users?filter=" + filter("id eq \"" + id + "\" and displayName pr"))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();
    }

    @Test
    void aWorkEmailWhoseValueIsReplacedByAnEmptyStringIsDropped() {
        assertWorkEmailCleared(op("Replace", "emails[type eq \"work\"].value", ""));
    }

    @Test
    void aWorkEmailWhoseValueIsRemovedIsDropped() {
        assertWorkEmailCleared(op("Remove", "emails[type eq \"work\"].value", null));
    }

    private void assertWorkEmailCleared(Map<String, Object> clearing) {
        String userName = unique("entra-no-mail");
        ObjectNode sent = oktaUser(userName, "Nora", "Nomail");
        sent.withArray("emails").addObject().put("value", "nora@home.example").put("type", "home");
        String id = createUser(sent).get("id").asText();

        var cleared = patch("/Users/" + id, patchOp(clearing));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        for (JsonNode user : List.of(cleared.json(), get("/Users/" + id).json())) {
            assertThat(user.get("userName").asText()).isEqualTo(userName);
            assertThat(user.get("emails").findValuesAsText("value")).containsExactly("nora@home.example");
            assertThat(user.get("emails").findValuesAsText("type")).containsExactly("home");
        }
        // the last email goes the same way: a User without emails, as a POST may create one
        var none = patch(
                "/Users/" + id,
                patchOp(op(clearing.get("op").toString(), "emails[type eq \"home\"].value", clearing.get("value"))));
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().has("emails")).isFalse();
        assertThat(get("/Users/" + id).json().get("userName").asText()).isEqualTo(userName);
    }

    @Test
    void aPhoneNumberWhoseValueIsEmptiedOrRemovedIsDropped() {
        ObjectNode sent = oktaUser(unique("entra-phone"), "Pia", "Phone");
        sent.putArray("phoneNumbers")
                .add(JSON.createObjectNode().put("value", "555-0100").put("type", "work"))
                .add(JSON.createObjectNode().put("value", "555-0199").put("type", "mobile"));
        String id = createUser(sent).get("id").asText();

        var emptied = patch("/Users/" + id, patchOp(op("Replace", "phoneNumbers[type eq \"work\"].value", "")));
        assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
        JsonNode user = get("/Users/" + id).json();
        assertThat(user.get("phoneNumbers").findValuesAsText("type")).containsExactly("mobile");
        assertThat(get("/Users?filter=" + filter("id eq \"" + id + "\" and phoneNumbers[type eq \"work\"]"))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();

        var removed = patch("/Users/" + id, patchOp(op("Remove", "phoneNumbers[type eq \"mobile\"].value", null)));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(get("/Users/" + id).json().has("phoneNumbers")).isFalse();

        // a POST or PUT sending an entry without its value keeps none either
        ObjectNode replaced = oktaUser(user.get("userName").asText(), "Pia", "Phone");
        replaced.putArray("phoneNumbers").add(JSON.createObjectNode().put("type", "work"));
        var put = put("/Users/" + id, replaced);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().has("phoneNumbers")).isFalse();
    }

    @Test
    void anEmailThatIsNoEmailIsRefusedNamingTheOperationAndTheAttribute() {
        String id = createUser(unique("entra-bad-mail")).get("id").asText();
        long events = eventCount();
        var refused = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "displayName", "Bea Badmail"),
                        op("Replace", "emails[type eq \"work\"].value", "not-an-email"),
                        op("Replace", "title", "Tester")));
        assertError(refused, 400, "invalidValue");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("Operation 2 (replace emails[type eq \"work\"].value): 'not-an-email' is not an email"
                        + " address");
        // a bad value a later operation puts right is not blamed; the one that stays is
        var later = patch(
                "/Users/" + id,
                patchOp(
                        op("Replace", "emails[type eq \"work\"].value", "first-bad"),
                        op("Replace", "emails[type eq \"work\"].value", "bea@example.com"),
                        op("Replace", "title", "Tester"),
                        op("Replace", "emails[type eq \"work\"].value", "second-bad")));
        assertError(later, 400, "invalidValue");
        assertThat(later.json().get("detail").asText())
                .isEqualTo("Operation 4 (replace emails[type eq \"work\"].value): 'second-bad' is not an email"
                        + " address");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void removesGroupMembersGivenAsAValueList() {
        String ann = createUser(unique("entra-ann")).get("id").asText();
        String bob = createUser(unique("entra-bob")).get("id").asText();
        String group = createGroup("Entra group", ann, bob).get("id").asText();
        var removed = patch("/Groups/" + group, patchOp(op("Remove", "members", List.of(Map.of("value", ann)))));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        JsonNode members = get("/Groups/" + group).json().get("members");
        assertThat(members.size()).isEqualTo(1);
        assertThat(members.get(0).get("value").asText()).isEqualTo(bob);
    }

    @Test
    void deletesUsers() {
        String id = createUser(unique("entra-delete")).get("id").asText();
        String group = createGroup("Entra deleted member", id).get("id").asText();
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
        assertError(get("/Users/" + id), 404, null);
        assertError(scim.delete("/Users/" + id), 404, null);
        assertThat(get("/Groups/" + group).json().get("members").size()).isZero();
        // the userName is free again
        assertThat(get("/Users?filter=" + filter("id eq \"" + id + "\""))
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();
    }

    private static void assertRoundTrip(ObjectNode sent, JsonNode answered) {
        ObjectNode expected = sent.deepCopy();
        expected.remove(List.of("schemas", "password"));
        ObjectNode actual = (ObjectNode) answered.deepCopy();
        actual.remove(List.of("schemas", "id", "meta", "groups"));
        assertThat(actual).isEqualTo(expected);
    }
}
