package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PATCH (RFC 7644 §3.5.2) on Users and Groups: add, replace and remove with and without a path, value-filtered paths,
 * several operations in one request applied all or nothing, no event when nothing changes, read-only and unknown
 * targets refused; and the product rules SCIM writes meet (rule 3, members made in the Control Panel).
 */
@ApplicationTest
class ScimPatchTest extends ScimTestSupport {

    private String aliceWithTwoEmails() {
        ObjectNode alice = oktaUser(unique("patch.alice"), "Alice", "Adams");
        alice.withArray("emails").addObject().put("value", "alice@home.org").put("type", "home");
        alice.putArray("phoneNumbers").addObject().put("value", "555-0100").put("type", "work");
        return createUser(alice).get("id").asText();
    }

    @Test
    void addsReplacesAndRemovesWithAndWithoutPath() {
        String id = aliceWithTwoEmails();
        String path = "/Users/" + id;

        JsonNode added = patch(
                        path,
                        patchOp(
                                op("add", "phoneNumbers", List.of(Map.of("value", "555-0199", "type", "mobile"))),
                                op("add", null, Map.of("nickName", "Al", "title", "Guide"))))
                .json();
        assertThat(added.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0100", "555-0199");
        assertThat(added.get("nickName").asText()).isEqualTo("Al");
        assertThat(added.get("title").asText()).isEqualTo("Guide");

        JsonNode replaced = patch(
                        path,
                        patchOp(
                                op("replace", "name", Map.of("givenName", "Alicia")),
                                op("replace", "emails[type eq \"work\"].value", "alicia@example.com"),
                                op("replace", null, Map.of("title", "Senior Guide"))))
                .json();
        assertThat(replaced.get("name").get("givenName").asText()).isEqualTo("Alicia");
        assertThat(replaced.get("name").get("familyName").asText()).isEqualTo("Adams");
        assertThat(replaced.get("emails").get(0).get("value").asText()).isEqualTo("alicia@example.com");
        assertThat(replaced.get("emails").get(1).get("value").asText()).isEqualTo("alice@home.org");
        assertThat(replaced.get("title").asText()).isEqualTo("Senior Guide");

        JsonNode removed = patch(
                        path,
                        patchOp(
                                op("remove", "nickName", null),
                                op("remove", "emails[type eq \"home\"]", null),
                                op("remove", "phoneNumbers[value eq \"555-0100\"]", null)))
                .json();
        assertThat(removed.has("nickName")).isFalse();
        assertThat(removed.get("emails").findValuesAsText("value")).containsExactly("alicia@example.com");
        assertThat(removed.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0199");
        assertThat(get(path).json()).isEqualTo(removed);
    }

    @Test
    void oneValueSentForAMultiValuedAttributeIsAddedToThoseThereAre() {
        String id = aliceWithTwoEmails();
        String path = "/Users/" + id;
        JsonNode added = patch(path, patchOp(op("add", "emails", Map.of("value", "alice@other.org", "type", "other"))))
                .json();
        assertThat(added.get("emails").findValuesAsText("value"))
                .containsExactly(added.get("userName").asText(), "alice@home.org", "alice@other.org");
        assertThat(added.get("emails").get(0).get("primary").asBoolean()).isTrue();
        // without a path, and named in full, alike
        JsonNode pathless = patch(
                        path,
                        patchOp(
                                op("Add", null, Map.of("phoneNumbers", Map.of("value", "555-0111", "type", "mobile"))),
                                op("add", null, Map.of(USER + ":roles", Map.of("value", "Reader")))))
                .json();
        assertThat(pathless.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0100", "555-0111");
        assertThat(pathless.get("roles").findValuesAsText("value")).containsExactly("Reader");
        // a replace by one value leaves that one
        JsonNode replaced = patch(path, patchOp(op("replace", "phoneNumbers", Map.of("value", "555-0122"))))
                .json();
        assertThat(replaced.get("phoneNumbers").isArray()).isTrue();
        assertThat(replaced.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0122");
        assertThat(get(path).json()).isEqualTo(replaced);

        // a value there already, or listed twice, is added once (RFC 7644 §3.5.2.1)
        long before = eventCount();
        JsonNode again = patch(path, patchOp(op("add", "phoneNumbers", List.of(Map.of("value", "555-0122")))))
                .json();
        assertThat(again.get("phoneNumbers").findValuesAsText("value")).containsExactly("555-0122");
        assertThat(eventCount()).as("nothing changed, nothing recorded").isEqualTo(before);
        JsonNode twice = patch(
                        path, patchOp(op("add", "roles", List.of(Map.of("value", "Admin"), Map.of("value", "Admin")))))
                .json();
        assertThat(twice.get("roles").findValuesAsText("value")).containsExactly("Reader", "Admin");
    }

    @Test
    void aRemoveThatListsValuesRemovesThoseOnly() {
        String id = aliceWithTwoEmails();
        String path = "/Users/" + id;
        patch(path, patchOp(op("add", "roles", List.of(Map.of("value", "Reader"), Map.of("value", "Writer")))));
        long before = eventCount();
        JsonNode removed = patch(
                        path,
                        patchOp(
                                op("Remove", "emails", List.of(Map.of("value", "alice@home.org"))),
                                op("remove", "roles", List.of(Map.of("value", "Reader", "display", "Reader")))))
                .json();
        assertThat(removed.get("emails").findValuesAsText("value"))
                .containsExactly(removed.get("userName").asText());
        assertThat(removed.get("roles").findValuesAsText("value")).containsExactly("Writer");
        assertThat(eventCount()).isEqualTo(before + 1);
        // one that matches none removes nothing; a value found by its other sub-attributes goes
        JsonNode none = patch(path, patchOp(op("remove", "roles", List.of(Map.of("value", "Admin")))))
                .json();
        assertThat(none.get("roles").findValuesAsText("value")).containsExactly("Writer");
        JsonNode byType = patch(path, patchOp(op("remove", "phoneNumbers", Map.of("type", "work"))))
                .json();
        assertThat(byType.has("phoneNumbers")).isFalse();
        assertError(patch(path, patchOp(op("remove", "roles", List.of(Map.of("colour", "red"))))), 400, "invalidValue");
        // without a value, every value goes (RFC 7644 §3.5.2.2)
        assertThat(patch(path, patchOp(op("remove", "roles", null))).json().has("roles"))
                .isFalse();
        assertThat(get(path).json().get("emails").size()).isEqualTo(1);
    }

    @Test
    void aNullUnderADottedOrQualifiedKeyRemovesThatAttribute() {
        ObjectNode sent = oktaUser(unique("dotted.null"), "Dot", "Null");
        sent.putObject(ENTERPRISE).put("department", "Sales").put("costCenter", "42");
        String id = createUser(sent).get("id").asText();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("title", "keep-me");
        value.put("name.givenName", null);
        value.put(ENTERPRISE + ":department", null);
        for (String verb : List.of("Replace", "Add")) {
            var patched = patch("/Users/" + id, patchOp(op(verb, null, value)));
            assertThat(patched.status()).as(verb + ": " + patched).isEqualTo(200);
            JsonNode user = get("/Users/" + id).json();
            assertThat(user.get("title").asText()).isEqualTo("keep-me");
            assertThat(user.get("name").has("givenName")).isFalse();
            assertThat(user.get("name").get("familyName").asText()).isEqualTo("Null");
            assertThat(user.get(ENTERPRISE).has("department")).isFalse();
            assertThat(user.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("42");
        }
    }

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    @Test
    void attributesNamedInFullWithTheirSchemaAreChanged() {
        String id = aliceWithTwoEmails();
        String path = "/Users/" + id;

        var qualified = patch(
                path,
                patchOp(
                        op("replace", USER + ":title", "Guide"),
                        op("replace", USER + ":name.givenName", "Alicia"),
                        op("replace", USER + ":emails[type eq \"work\"].value", "alicia@example.com"),
                        op("add", null, Map.of(USER + ":nickName", "Al", USER, Map.of("displayName", "Alicia A."))),
                        op("replace", USER + ":active", false)));
        assertThat(qualified.status()).as(qualified.toString()).isEqualTo(200);
        JsonNode user = get(path).json();
        assertThat(user.get("title").asText()).isEqualTo("Guide");
        assertThat(user.get("name").get("givenName").asText()).isEqualTo("Alicia");
        assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo("alicia@example.com");
        assertThat(user.get("nickName").asText()).isEqualTo("Al");
        assertThat(user.get("displayName").asText()).isEqualTo("Alicia A.");
        assertThat(user.get("active").asBoolean()).isFalse();

        // a path naming the User's own schema: its value is attributes, as without a path
        var whole = patch(path, patchOp(op("replace", USER, Map.of("title", "Lead", "active", true))));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(get(path).json().get("title").asText()).isEqualTo("Lead");
        assertThat(get(path).json().get("active").asBoolean()).isTrue();
        assertThat(get(path).json().get("schemas")).extracting(JsonNode::asText).containsExactly(USER);

        // the same attribute twice, once in full: which would count?
        long events = eventCount();
        assertError(
                patch(path, patchOp(op("replace", null, Map.of("title", "A", USER + ":title", "B")))),
                400,
                "invalidSyntax");
        assertError(patch(path, patchOp(op("remove", USER, null))), 400, "invalidPath");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(get(path).json().get("title").asText()).isEqualTo("Lead");
    }

    /**
     * A User with this extension holding {@code kept} and {@code changed}: a replace whose path is the whole schema
     * changes {@code changed} and keeps {@code kept}; a remove of it drops the extension and its schema. The User's
     * path.
     */
    private String replaceThenRemoveWholeExtension(
            String schema, String kept, String keptValue, String changed, String before, String after) {
        ObjectNode sent = oktaUser(unique("whole.extension"), "Ena", "Enterprise");
        sent.withArray("schemas").add(schema);
        sent.putObject(schema).put(kept, keptValue).put(changed, before);
        String path = "/Users/" + createUser(sent).get("id").asText();

        var replaced = patch(path, patchOp(op("replace", schema, Map.of(changed, after))));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode user = get(path).json();
        assertThat(user.get(schema).get(changed).asText()).isEqualTo(after);
        assertThat(user.get(schema).get(kept).asText()).isEqualTo(keptValue);
        assertThat(user.get("schemas")).extracting(JsonNode::asText).containsExactly(USER, schema);

        var removed = patch(path, patchOp(op("remove", schema, null)));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        user = get(path).json();
        assertThat(user.has(schema)).isFalse();
        assertThat(user.get("schemas")).extracting(JsonNode::asText).containsExactly(USER);
        return path;
    }

    @Test
    void aPathNamingTheEnterpriseExtensionChangesItsAttributes() {
        String path =
                replaceThenRemoveWholeExtension(ENTERPRISE, "costCenter", "C-1", "department", "Support", "Sales");

        // a schema RFC 7643 keeps that a User does not have is no extension to make up
        long events = eventCount();
        assertError(patch(path, patchOp(op("replace", GROUP + ":displayName", "x"))), 400, "invalidPath");
        assertError(
                patch(path, patchOp(op("add", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:Other:x", "y"))),
                400,
                "invalidPath");
        assertError(patch(path, patchOp(op("replace", ENTERPRISE, "Sales"))), 400, "invalidValue");
        // an attribute given both in the extension's object and in full: which would count?
        assertError(
                patch(
                        path,
                        patchOp(op(
                                "replace",
                                null,
                                Map.of(ENTERPRISE, Map.of("department", "A"), ENTERPRISE + ":department", "B")))),
                400,
                "invalidSyntax");
        assertThat(eventCount()).isEqualTo(events);

        // written with a colon after it, the same whole schema
        var again = patch(path, patchOp(op("add", ENTERPRISE + ":", Map.of("division", "North"))));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(get(path).json().get(ENTERPRISE).get("division").asText()).isEqualTo("North");

        // an attribute the extension does not define is ignored, as an unknown attribute of a User is: stored, it
        // could be neither filtered on nor named in a path
        var unknown = patch(
                path,
                patchOp(
                        op("replace", null, Map.of(ENTERPRISE, Map.of("nosuch3", "x", "department", "D"))),
                        op("replace", ENTERPRISE, Map.of("nosuch4", "x")),
                        op("add", "emails", List.of(Map.of("value", "third@example.com", "tpye", "home")))));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
        JsonNode user = get(path).json();
        assertThat(user.get(ENTERPRISE).get("department").asText()).isEqualTo("D");
        assertThat(user.get(ENTERPRISE).has("nosuch3")).isFalse();
        assertThat(user.get(ENTERPRISE).has("nosuch4")).isFalse();
        assertThat(user.get("emails").findValues("tpye")).isEmpty();
        assertThat(user.get("emails").findValuesAsText("value")).contains("third@example.com");
    }

    @Test
    void aPathNamingACustomExtensionChangesItsAttributes() {
        replaceThenRemoveWholeExtension(
                "urn:ietf:params:scim:schemas:extension:acme:2.0:User", "badge", "B-1", "floor", "3", "4");
    }

    /**
     * RFC 7644 §3.10: a custom extension's attribute named in full at the top of a body or of a path-less value is
     * that extension's attribute, not an attribute of its own whose name is the whole URN (which the User then
     * declared as a schema, and which Activity took for the extension's attribute changing).
     */
    @Test
    void aCustomExtensionsAttributeNamedInFullIsKeptInItsExtension() throws InterruptedException {
        String acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
        ObjectNode sent = oktaUser(unique("acme.full"), "Ada", "Acme");
        sent.putArray("schemas").add(USER).add(acme);
        sent.put(acme + ":badge", "5");
        sent.put(acme + ":address.floor", "3");
        JsonNode created = createUser(sent);
        assertThat(created.get(acme))
                .isEqualTo(JSON.valueToTree(Map.of("badge", "5", "address", Map.of("floor", "3"))));
        assertThat(created.has(acme + ":badge")).isFalse();
        assertThat(created.get("schemas")).extracting(JsonNode::asText).containsExactly(USER, acme);
        String path = "/Users/" + created.get("id").asText();

        var pathless = patch(path, patchOp(op("replace", null, Map.of(acme + ":badge", "8"))));
        assertThat(pathless.status()).as(pathless.toString()).isEqualTo(200);
        JsonNode user = get(path).json();
        assertThat(user.get(acme).get("badge").asText()).isEqualTo("8");
        assertThat(user.get(acme).get("address").get("floor").asText()).isEqualTo("3");
        assertThat(user.has(acme + ":badge")).isFalse();
        assertThat(user.get("schemas")).extracting(JsonNode::asText).containsExactly(USER, acme);
        // Activity names the change of the extension's attribute, from what it was
        String id = created.get("id").asText();
        JsonNode changes = null;
        for (int i = 0; i < 100; i++) {
            JsonNode newest = admin.get("/api/orgs/" + org + "/activity?subject=" + id)
                    .json()
                    .get("items")
                    .get(0);
            if (newest.get("action").asText().equals("member.updated")) {
                changes = newest.get("details").get("changes");
                break;
            }
            Thread.sleep(20);
        }
        assertThat(changes).isNotNull();
        assertThat(changes.findValuesAsText("field")).containsExactly(acme + ":badge");
        assertThat(changes.findValuesAsText("from")).containsExactly("5");
        assertThat(changes.findValuesAsText("to")).containsExactly("8");

        // a User without the extension yet gets it; the same attribute both ways in one body is refused
        JsonNode plain = createUser(oktaUser(unique("acme.later"), "Lee", "Later"));
        var added = patch("/Users/" + plain.get("id").asText(), patchOp(op("add", null, Map.of(acme + ":badge", "9"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get(acme).get("badge").asText()).isEqualTo("9");
        assertThat(added.json().get("schemas")).extracting(JsonNode::asText).containsExactly(USER, acme);
        long events = eventCount();
        ObjectNode twice = oktaUser(unique("acme.twice"), "Tom", "Twice");
        twice.putArray("schemas").add(USER).add(acme);
        twice.putObject(acme).put("badge", "1");
        twice.put(acme + ":badge", "2");
        assertError(post("/Users", twice), 400, "invalidSyntax");
        assertError(
                patch(path, patchOp(op("replace", null, Map.of(acme, Map.of("badge", "1"), acme + ":badge", "2")))),
                400,
                "invalidSyntax");
        assertThat(eventCount()).isEqualTo(events);
        // the extension's own URN as a key is still its whole object
        var whole = patch(path, patchOp(op("replace", null, Map.of(acme, Map.of("floor", "4")))));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(whole.json().get(acme).get("floor").asText()).isEqualTo("4");
        assertThat(whole.json().get(acme).get("badge").asText()).isEqualTo("8");
    }

    @Test
    void aUserSentWithAttributesNamedInFullKeepsThem() {
        ObjectNode sent = oktaUser(unique("qualified.post"), "Quinn", "Qualified");
        sent.put(USER + ":title", "Analyst");
        sent.putObject("urn:ietf:params:scim:schemas:core:2.0")
                .putObject("User")
                .put("title", "Junk");
        JsonNode created = createUser(sent);
        assertThat(created.get("title").asText()).isEqualTo("Analyst");
        assertThat(created.has("urn:ietf:params:scim:schemas:core:2.0")).isFalse();
        assertThat(created.get("schemas")).extracting(JsonNode::asText).containsExactly(USER);

        ObjectNode twice = oktaUser(unique("qualified.twice"), "Tia", "Twice");
        twice.put("displayName", "Tia");
        twice.put(USER + ":displayName", "Tia T.");
        long events = eventCount();
        assertError(post("/Users", twice), 400, "invalidSyntax");
        ObjectNode extensionTwice = oktaUser(unique("extension.twice"), "Eli", "Twice");
        extensionTwice.putObject(ENTERPRISE).put("department", "A");
        extensionTwice.put(ENTERPRISE + ":department", "B");
        assertError(post("/Users", extensionTwice), 400, "invalidSyntax");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aGroupsAttributesNamedInFullAreChanged() {
        String group = createGroup(unique("Qualified group")).get("id").asText();
        String renamed = unique("Renamed in full");
        var pathless = patch("/Groups/" + group, patchOp(op("replace", null, Map.of(GROUP + ":displayName", renamed))));
        assertThat(pathless.status()).as(pathless.toString()).isIn(200, 204);
        assertThat(get("/Groups/" + group).json().get("displayName").asText()).isEqualTo(renamed);

        String again = unique("Renamed whole");
        var whole = patch("/Groups/" + group, patchOp(op("replace", GROUP, Map.of("displayName", again))));
        assertThat(whole.status()).as(whole.toString()).isIn(200, 204);
        assertThat(get("/Groups/" + group).json().get("displayName").asText()).isEqualTo(again);
        assertError(patch("/Groups/" + group, patchOp(op("remove", GROUP, null))), 400, "invalidPath");
        String colon = unique("Renamed with a colon");
        var withColon = patch("/Groups/" + group, patchOp(op("replace", GROUP + ":", Map.of("displayName", colon))));
        assertThat(withColon.status()).as(withColon.toString()).isIn(200, 204);
        assertThat(get("/Groups/" + group).json().get("displayName").asText()).isEqualTo(colon);
        assertError(
                patch(
                        "/Groups/" + group,
                        patchOp(op("add", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", Map.of()))),
                400,
                "invalidPath");
    }

    @Test
    void replacingAnAttributeByNullRemovesIt() {
        ObjectNode sent = oktaUser(unique("nulled"), "Nia", "Null");
        sent.put("title", "Lead");
        sent.put("nickName", "Nia");
        String id = createUser(sent).get("id").asText();
        Map<String, Object> replaceByNull = new java.util.LinkedHashMap<>();
        replaceByNull.put("op", "replace");
        replaceByNull.put("path", "title");
        replaceByNull.put("value", null);

        var patched = patch("/Users/" + id, patchOp(replaceByNull));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode user = get("/Users/" + id).json();
        assertThat(user.has("title")).isFalse();
        assertThat(user.get("nickName").asText()).isEqualTo("Nia");
        // without a value at all it is still malformed
        assertError(patch("/Users/" + id, patchOp(op("replace", "nickName", null))), 400, "invalidSyntax");
    }

    @Test
    void aValueMadePrimaryMakesTheOthersOfItsAttributeNotPrimary() {
        ObjectNode sent = oktaUser(unique("primary"), "Pia", "Primary");
        var phones = sent.putArray("phoneNumbers");
        phones.addObject().put("type", "work").put("value", "555-0100").put("primary", true);
        phones.addObject().put("type", "mobile").put("value", "555-0101");
        String id = createUser(sent).get("id").asText();

        var email = patch(
                "/Users/" + id,
                patchOp(op(
                        "add",
                        "emails",
                        List.of(Map.of("value", "pia@home.example.com", "type", "home", "primary", true)))));
        assertThat(email.status()).as(email.toString()).isEqualTo(200);
        var phone = patch("/Users/" + id, patchOp(op("replace", "phoneNumbers[type eq \"mobile\"].primary", true)));
        assertThat(phone.status()).as(phone.toString()).isEqualTo(200);

        JsonNode user = get("/Users/" + id).json();
        assertThat(primaryValues(user.get("emails"))).containsExactly("pia@home.example.com");
        assertThat(user.get("emails").size()).isEqualTo(2);
        assertThat(primaryValues(user.get("phoneNumbers"))).containsExactly("555-0101");

        long events = eventCount();
        var two = patch(
                "/Users/" + id,
                patchOp(op(
                        "add",
                        "phoneNumbers",
                        List.of(
                                Map.of("value", "555-0102", "primary", true),
                                Map.of("value", "555-0103", "primary", true)))));
        assertError(two, 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(get("/Users/" + id).json().get("phoneNumbers").size()).isEqualTo(2);
        // a sub-attribute path without a filter names it in every value: made true there, every value would be
        // primary (one of them was kept as primary, the flag dropped from the others)
        var everyEmail = patch("/Users/" + id, patchOp(op("replace", "emails.primary", true)));
        assertError(everyEmail, 400, "invalidValue");
        assertThat(everyEmail.json().get("detail").asText())
                .contains("replace emails.primary")
                .contains("makes 2 values of 'emails' primary");
        assertError(patch("/Users/" + id, patchOp(op("add", "phoneNumbers.primary", "True"))), 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
        JsonNode unchanged = get("/Users/" + id).json();
        assertThat(primaryValues(unchanged.get("emails"))).containsExactly("pia@home.example.com");
        assertThat(primaryValues(unchanged.get("phoneNumbers"))).containsExactly("555-0101");
        var noneNow = patch("/Users/" + id, patchOp(op("replace", "phoneNumbers.primary", false)));
        assertThat(noneNow.status()).as(noneNow.toString()).isEqualTo(200);
        assertThat(primaryValues(noneNow.json().get("phoneNumbers"))).isEmpty();

        ObjectNode twoPrimary = oktaUser(unique("two-primary"), "Two", "Primary");
        var twoPhones = twoPrimary.putArray("phoneNumbers");
        twoPhones.addObject().put("value", "555-0104").put("primary", true);
        twoPhones.addObject().put("value", "555-0105").put("primary", "True");
        assertError(post("/Users", twoPrimary), 400, "invalidValue");
        assertError(
                put(
                        "/Users/" + id,
                        twoPrimary.put("userName", user.get("userName").asText())),
                400,
                "invalidValue");
    }

    @Test
    void aValueFilterFindsWhatAnEarlierOperationOfTheSamePatchWroteAsItIsKept() {
        // each operation applies to the result of those before it (RFC 7644 §3.5.2), and that result holds a value as
        // it is kept: Entra ID's "True" a boolean, an email address without the spaces around it. Each of these
        // requests gives what its operations sent one by one give.
        ObjectNode sent = oktaUser(unique("kept"), "Kim", "Kept");
        sent.withArray("emails")
                .addObject()
                .put("value", "kim@home.example.com")
                .put("type", "home");
        String id = createUser(sent).get("id").asText();
        String path = "/Users/" + id;
        String work = sent.get("userName").asText();

        var home = patch(
                path,
                patchOp(
                        op("Replace", "emails[type eq \"home\"].primary", "True"),
                        op("Replace", "emails[primary eq true].display", "Kim at home")));
        assertThat(home.status()).as(home.toString()).isEqualTo(200);
        JsonNode emails = get(path).json().get("emails");
        assertThat(emails).hasSize(2);
        assertThat(primaryValues(emails)).containsExactly("kim@home.example.com");
        assertThat(emails.findValuesAsText("display")).containsExactly("Kim at home");

        var other = patch(
                path,
                patchOp(
                        op(
                                "Add",
                                "emails",
                                List.of(Map.of("value", "kim@other.example.com", "type", "other", "primary", "True"))),
                        op("Replace", "emails[primary eq true].value", "kim@elsewhere.example.com")));
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        emails = get(path).json().get("emails");
        assertThat(emails.findValuesAsText("value"))
                .containsExactlyInAnyOrder(work, "kim@home.example.com", "kim@elsewhere.example.com");
        assertThat(primaryValues(emails)).containsExactly("kim@elsewhere.example.com");

        var roles = patch(
                path,
                patchOp(
                        op("Add", "roles", List.of(Map.of("value", "admin", "primary", "True"))),
                        op("Add", "roles", List.of(Map.of("value", "reader"))),
                        op("Remove", "roles[primary eq \"True\"]", null)));
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        assertThat(get(path).json().get("roles").findValuesAsText("value")).containsExactly("reader");

        var padded = patch(
                path,
                patchOp(
                        op("add", "emails", List.of(Map.of("value", " kim@padded.example.com ", "type", "other"))),
                        op("remove", "emails[value eq \"kim@padded.example.com\"]", null)));
        assertThat(padded.status()).as(padded.toString()).isEqualTo(200);
        var twice = patch(
                path,
                patchOp(
                        op("add", "emails", List.of(Map.of("value", "kim@twice.example.com", "type", "other"))),
                        op("add", "emails", List.of(Map.of("value", " kim@twice.example.com", "type", "other")))));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(200);
        assertThat(get(path).json().get("emails").findValuesAsText("value"))
                .containsExactlyInAnyOrder(
                        work, "kim@home.example.com", "kim@elsewhere.example.com", "kim@twice.example.com");

        // an email listed to be removed is found as it is kept too
        var listed = patch(path, patchOp(op("remove", "emails", List.of(Map.of("value", " kim@twice.example.com ")))));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(get(path).json().get("emails").findValuesAsText("value"))
                .containsExactlyInAnyOrder(work, "kim@home.example.com", "kim@elsewhere.example.com");
    }

    private static List<String> primaryValues(JsonNode values) {
        List<String> primary = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.path("primary").asBoolean()) {
                primary.add(value.get("value").asText());
            }
        }
        return primary;
    }

    @Test
    void appliesSeveralOperationsAllOrNothing() {
        String id = aliceWithTwoEmails();
        JsonNode before = get("/Users/" + id).json();
        long events = eventCount();
        var refused = patch(
                "/Users/" + id,
                patchOp(
                        op("replace", "displayName", "Changed"),
                        op("add", "title", "Changed too"),
                        op("replace", "emails[type eq \"fax\"]", Map.of("value", "nobody@example.com"))));
        assertError(refused, 400, "noTarget");
        assertThat(refused.json().get("detail").asText()).contains("Operation 3");
        assertThat(get("/Users/" + id).json()).isEqualTo(before);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aPatchThatChangesNothingRecordsNothing() {
        String id = aliceWithTwoEmails();
        JsonNode before = get("/Users/" + id).json();
        long events = eventCount();
        var same = patch(
                "/Users/" + id,
                patchOp(
                        op("replace", "displayName", before.get("displayName").asText()),
                        op("replace", null, Map.of("active", true)),
                        op("add", "emails", List.of(Map.of("value", "alice@home.org", "type", "home")))));
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(same.header("ETag"))
                .isEqualTo(before.get("meta").get("version").asText());
    }

    @Test
    void refusesReadOnlyAndUnknownTargetsAndChangesNothing() {
        String id = aliceWithTwoEmails();
        String path = "/Users/" + id;
        long events = eventCount();
        assertError(patch(path, patchOp(op("replace", "id", "other"))), 400, "mutability");
        assertError(patch(path, patchOp(op("add", "groups", List.of(Map.of("value", "g"))))), 400, "mutability");
        assertError(patch(path, patchOp(op("replace", "meta.created", "2020-01-01T00:00:00Z"))), 400, "mutability");
        assertError(patch(path, patchOp(op("replace", null, Map.of("id", "someone-else")))), 400, "mutability");
        assertError(patch(path, patchOp(op("remove", "userName", null))), 400, "mutability");
        assertError(patch(path, patchOp(op("replace", "shoeSize", "9"))), 400, "invalidPath");
        assertError(patch(path, patchOp(op("replace", "name.nickName", "x"))), 400, "invalidPath");
        assertError(patch(path, patchOp(op("replace", "emails[type eq", "x"))), 400, "invalidPath");
        assertError(patch(path, patchOp(op("replace", "emails[type eq \"work\"", "x"))), 400, "invalidPath");
        assertError(patch(path, patchOp(op("remove", "emails[type eq \"work\"", null))), 400, "invalidPath");
        assertError(
                patch(path, patchOp(op("add", "emails[type eq \"work\"]].value", "x@example.com"))),
                400,
                "invalidPath");
        assertError(patch(path, patchOp(op("remove", null, null))), 400, "noTarget");
        // a replace of a sub-attribute creates its value only when the filter is one equality (its type): of a
        // filter that matches nothing otherwise, there is nothing to replace
        for (String noValue : List.of(
                "emails[type eq \"home\" and primary eq true].value",
                "emails[value sw \"zz\"].value",
                "emails[type ne \"work\" and type ne \"home\"].value",
                "emails[type eq \"fax\" or type eq \"other\"].value")) {
            var refused = patch(path, patchOp(op("replace", noValue, "new@example.com")));
            assertError(refused, 400, "noTarget");
            assertThat(refused.json().get("detail").asText())
                    .startsWith("Operation 1 (replace emails[")
                    .contains("no value of 'emails' matches [")
                    .doesNotContain("add operation");
        }
        assertError(
                patch(path, patchOp(op("replace", "emails[type eq \"work\" and typo eq \"x\"].value", "a@b.com"))),
                400,
                "invalidPath");
        assertError(patch(path, patchOp(op("move", "title", "x"))), 400, "invalidSyntax");
        assertError(patch(path, patchOp(op("replace", "title", null))), 400, "invalidSyntax");
        assertError(patch(path, patchOp(op("replace", null, "not an object"))), 400, "invalidSyntax");
        assertError(patch(path, Map.of("schemas", List.of(PATCH_OP))), 400, "invalidSyntax");
        // RFC 7644 §3.5.2: "an array of one or more patch operations"
        assertError(patch(path, Map.of("schemas", List.of(PATCH_OP), "Operations", List.of())), 400, "invalidSyntax");
        assertError(patch(path, patchOp(op("replace", "active", "maybe"))), 400, "invalidValue");
        assertError(
                patch(path, patchOp(op("replace", "emails[type eq \"work\"].value", "not-an-email"))),
                400,
                "invalidValue");
        // a value filter naming no sub-attribute of its attribute would select nothing, and an add or a replace
        // would then add a value on every retry
        assertError(
                patch(path, patchOp(op("replace", "emails[tpye eq \"home\"].value", "home@example.com"))),
                400,
                "invalidPath");
        assertError(
                patch(path, patchOp(op("add", "emails[type eq \"work\" and typo eq \"x\"].value", "a@example.com"))),
                400,
                "invalidPath");
        assertError(
                patch(path, patchOp(op("Replace", "phoneNumbers[tpye eq \"mobile\"].value", "+1 555 0100"))),
                400,
                "invalidPath");
        assertError(patch(path, patchOp(op("remove", "emails[not (nosuch pr)]", null))), 400, "invalidPath");
        assertError(
                patch(path, patchOp(op("replace", "name[givenName eq \"Alice\"].familyName", "x"))),
                400,
                "invalidPath");
        assertError(patch(path, patchOp(op("replace", "title[value eq \"x\"]", "y"))), 400, "invalidPath");
        assertError(
                patch(path, patchOp(op("replace", "emails[type eq \"work\"][value eq \"x\"]", "y"))),
                400,
                "invalidPath");
        assertThat(patch(path, patchOp(op("replace", "name.givenName.x", "y")))
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("Operation 1 (replace name.givenName.x): a path names an attribute and at most one of its"
                        + " sub-attributes, and 'x' is one level deeper");
        assertThat(patch(path, patchOp(Map.of("op", 5, "path", "title", "value", "x")))
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("Operation 1: op must be add, remove or replace, a string, not 5");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(get(path).json().get("emails").size()).isEqualTo(2);
        assertThat(get(path).json().get("phoneNumbers").size()).isEqualTo(1);

        String group = createGroup("Patch targets").get("id").asText();
        events = eventCount();
        assertError(patch("/Groups/" + group, patchOp(op("replace", "id", "other"))), 400, "mutability");
        assertError(
                patch("/Groups/" + group, patchOp(op("replace", "members[value eq \"" + id + "\"].display", "x"))),
                400,
                "mutability");
        assertError(patch("/Groups/" + group, patchOp(op("remove", "displayName", null))), 400, "mutability");
        assertError(patch("/Groups/" + group, patchOp(op("replace", "foo", "x"))), 400, "invalidPath");
        assertError(
                patch("/Groups/" + group, Map.of("schemas", List.of(PATCH_OP), "Operations", List.of())),
                400,
                "invalidSyntax");
        assertError(patch("/Groups/" + group, patchOp(op("replace", "displayName", ""))), 400, "invalidValue");
        assertError(
                patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", id, "type", "Group"))))),
                400,
                "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(get("/Groups/" + group).json().get("members").size()).isZero();
    }

    @Test
    void patchesGroupMembershipInEveryFormAndAtomically() {
        String ann = createUser(unique("g.ann")).get("id").asText();
        String bob = createUser(unique("g.bob")).get("id").asText();
        String carl =
                createUser(oktaUser(unique("g.carl"), "Carl", "Cox")).get("id").asText();
        String group = createGroup("Membership forms", ann, bob, carl).get("id").asText();
        String path = "/Groups/" + group;

        long events = eventCount();
        assertThat(patch(path, patchOp(op("remove", "members[value eq \"not-a-member\"]", null)))
                        .status())
                .isEqualTo(204);
        assertThat(patch(path, patchOp(op("add", "members", List.of(Map.of("value", ann)))))
                        .status())
                .isEqualTo(204);
        assertThat(eventCount()).as("retries and no-ops record nothing").isEqualTo(events);
        String version = get(path).json().get("meta").get("version").asText();
        var undone = patch(
                path,
                patchOp(
                        op("remove", "members[value eq \"" + ann + "\"]", null),
                        op("add", "members", List.of(Map.of("value", ann))),
                        op("replace", "displayName", "Renamed on the way"),
                        op("replace", "displayName", "Membership forms")));
        assertThat(undone.status()).isEqualTo(204);
        assertThat(eventCount())
                .as("operations that undo each other record nothing")
                .isEqualTo(events);
        assertThat(get(path).json().get("meta").get("version").asText()).isEqualTo(version);
        assertThat(members(group)).containsExactlyInAnyOrder(ann, bob, carl);

        assertThat(patch(path, patchOp(op("remove", "members[display eq \"Carl Cox\"]", null)))
                        .status())
                .isEqualTo(204);
        assertThat(members(group)).containsExactlyInAnyOrder(ann, bob);

        var unknownMember = patch(
                path,
                patchOp(
                        op("remove", "members[value eq \"" + ann + "\"]", null),
                        op("add", "members", List.of(Map.of("value", "no-such-member")))));
        assertError(unknownMember, 400, "invalidValue");
        assertThat(members(group)).containsExactlyInAnyOrder(ann, bob);

        var withResource = scim.send(
                "PATCH",
                path + "?attributes=displayName,members",
                patchOp(op("remove", "members", List.of(Map.of("value", bob)))),
                SCIM_JSON);
        assertThat(withResource.status()).isEqualTo(200);
        assertThat(withResource.json().get("members").findValuesAsText("value")).containsExactly(ann);
        assertThat(withResource.json().has("meta")).isFalse();

        assertThat(patch(path, patchOp(op("remove", "members", null))).status()).isEqualTo(204);
        assertThat(members(group)).isEmpty();

        createGroup("Taken name");
        assertError(patch(path, patchOp(op("replace", "displayName", "TAKEN NAME"))), 409, "uniqueness");
        assertThat(get(path).json().get("displayName").asText()).isEqualTo("Membership forms");
    }

    @Test
    void aValueTheTeamOrUserRefusesNamesTheOperationItCameFrom() {
        String ann =
                createUser(oktaUser(unique("op.ann"), "Ann", "Op")).get("id").asText();
        String bobName = unique("op.bob");
        createUser(oktaUser(bobName, "Bob", "Op"));
        String name = unique("Named operations");
        String group = createGroup(name).get("id").asText();
        String taken = unique("Taken by another");
        createGroup(taken);
        String path = "/Groups/" + group;
        long events = eventCount();

        var unknown = patch(
                path,
                patchOp(
                        op("replace", "displayName", unique("Renamed first")),
                        op("add", "members", List.of(Map.of("value", ann), Map.of("value", "bogus-id")))));
        assertError(unknown, 400, "invalidValue");
        assertThat(unknown.json().get("detail").asText())
                .isEqualTo("Operation 2 (add members): No member with id bogus-id in this organization");
        var clash = patch(
                path,
                patchOp(
                        op("add", "members", List.of(Map.of("value", ann))),
                        op("replace", "displayName", taken.toUpperCase(Locale.ROOT))));
        assertError(clash, 409, "uniqueness");
        assertThat(clash.json().get("detail").asText()).startsWith("Operation 2 (replace displayName): A team named '");
        var pathless = patch(path, patchOp(op("Replace", null, Map.of("displayName", taken))));
        assertError(pathless, 409, "uniqueness");
        assertThat(pathless.json().get("detail").asText()).startsWith("Operation 1 (replace): A team named '");
        // a value the Group's reading refuses names its operation too
        var valueless = patch(
                path,
                patchOp(
                        op("add", "externalId", "okta-1"),
                        op("remove", "members", List.of(Map.of("display", "Carl")))));
        assertError(valueless, 400, "invalidValue");
        assertThat(valueless.json().get("detail").asText())
                .isEqualTo("Operation 2 (remove members): Each member needs a value: the id of a User");
        var twoIds = patch(path, patchOp(op("add", "externalId", List.of("a", "b"))));
        assertError(twoIds, 400, "invalidValue");
        assertThat(twoIds.json().get("detail").asText())
                .isEqualTo("Operation 1 (add externalId): 'externalId' must be a string");
        var pathlessMember = patch(path, patchOp(op("add", null, Map.of("members", List.of(Map.of("display", "X"))))));
        assertError(pathlessMember, 400, "invalidValue");
        assertThat(pathlessMember.json().get("detail").asText())
                .isEqualTo("Operation 1 (add): Each member needs a value: the id of a User");
        var inGroupSchema =
                patch(path, patchOp(op("add", GROUP_SCHEMA, Map.of("members", List.of(Map.of("display", "X"))))));
        assertError(inGroupSchema, 400, "invalidValue");
        assertThat(inGroupSchema.json().get("detail").asText())
                .isEqualTo("Operation 1 (add " + GROUP_SCHEMA + "): Each member needs a value: the id of a User");
        assertThat(get(path).json().get("displayName").asText()).isEqualTo(name);
        assertThat(members(group)).isEmpty();

        var userName =
                patch("/Users/" + ann, patchOp(op("replace", "title", "Lead"), op("replace", "userName", bobName)));
        assertError(userName, 409, "uniqueness");
        assertThat(userName.json().get("detail").asText()).startsWith("Operation 2 (replace userName): userName '");
        var inFull = patch(
                "/Users/" + ann,
                patchOp(
                        op("replace", null, Map.of(USER + ":userName", bobName.toUpperCase(Locale.ROOT))),
                        op("replace", "displayName", "Ann")));
        assertError(inFull, 409, "uniqueness");
        assertThat(inFull.json().get("detail").asText()).startsWith("Operation 1 (replace): userName '");
        assertThat(get("/Users/" + ann).json().has("title")).isFalse();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aMemberFilterSeesTheMembersEarlierOperationsOfTheSamePatchLeft() {
        String ann =
                createUser(oktaUser(unique("f.ann"), "Ann", "Lee")).get("id").asText();
        String bob =
                createUser(oktaUser(unique("f.bob"), "Bob", "Cole")).get("id").asText();
        String cat =
                createUser(oktaUser(unique("f.cat"), "Cat", "Moss")).get("id").asText();
        String group = createGroup("Filtered in order", ann).get("id").asText();
        String path = "/Groups/" + group;

        // each operation applies to the result of those before it (RFC 7644 §3.5.2)
        var notAnn = patch(
                path,
                patchOp(
                        op("add", "members", List.of(Map.of("value", ann), Map.of("value", bob))),
                        op("remove", "members[value ne \"" + ann + "\"]", null)));
        assertThat(notAnn.status()).as(notAnn.toString()).isEqualTo(204);
        assertThat(members(group)).containsExactly(ann);

        patch(
                path,
                patchOp(op("add", "members", List.of(Map.of("value", bob))), op("remove", "members[value pr]", null)));
        assertThat(members(group)).isEmpty();

        patch(
                path,
                patchOp(
                        op("add", "members", List.of(Map.of("value", ann), Map.of("value", bob))),
                        op("remove", "members[display eq \"Bob Cole\"]", null)));
        assertThat(members(group)).containsExactly(ann);

        patch(
                path,
                patchOp(
                        op("add", "members", List.of(Map.of("value", bob))),
                        op("remove", "members[value eq \"" + bob + "\" and type eq \"User\"]", null)));
        assertThat(members(group)).containsExactly(ann);

        patch(
                path,
                patchOp(
                        op("replace", "members", List.of(Map.of("value", bob), Map.of("value", cat))),
                        op("remove", "members[value sw \"" + bob.substring(0, 8) + "\"]", null)));
        assertThat(members(group)).containsExactly(cat);

        // a member removed by an earlier operation is no longer there for a later filter to find
        patch(
                path,
                patchOp(
                        op("remove", "members[value eq \"" + cat + "\"]", null),
                        op("add", "members", List.of(Map.of("value", ann))),
                        op("remove", "members[display sw \"Cat\"]", null)));
        assertThat(members(group)).containsExactly(ann);

        long events = eventCount();
        var unknown = patch(
                path,
                patchOp(
                        op("add", "members", List.of(Map.of("value", "no-such-member"))),
                        op("remove", "members[display eq \"Ann Lee\"]", null)));
        assertError(unknown, 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(members(group)).containsExactly(ann);
    }

    @Test
    void namesAnOperationAsItWasSentAndRefusesAnyPartOfAGroupsMeta() {
        String user = aliceWithTwoEmails();
        String group = createGroup("Read-only meta").get("id").asText();
        long events = eventCount();
        Map<String, Object> replaceByNull = new LinkedHashMap<>();
        replaceByNull.put("op", "replace");
        replaceByNull.put("path", "userName");
        replaceByNull.put("value", null);
        var nullName = patch("/Users/" + user, patchOp(replaceByNull));
        assertError(nullName, 400, "mutability");
        assertThat(nullName.json().get("detail").asText()).startsWith("Operation 1 (replace userName): ");
        var lastModified = patch("/Groups/" + group, patchOp(op("replace", "meta.lastModified", "x")));
        assertError(lastModified, 400, "mutability");
        assertThat(lastModified.json().get("detail").asText())
                .isEqualTo("Operation 1 (replace meta.lastModified): meta is read-only");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void concurrentPatchesOfOneUserOrGroupLoseNoUpdate() throws Exception {
        String id = aliceWithTwoEmails();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(createUser(unique("concurrent" + i)).get("id").asText());
        }
        String group = createGroup("Concurrent").get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String number = "555-020" + i;
                String member = members.get(i);
                answers.add(pool.submit(() -> patch(
                                "/Users/" + id,
                                patchOp(op("add", "phoneNumbers", List.of(Map.of("value", number, "type", "other")))))
                        .status()));
                answers.add(pool.submit(() -> patch(
                                "/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", member)))))
                        .status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isIn(200, 204);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(get("/Users/" + id).json().get("phoneNumbers").findValuesAsText("value"))
                .containsExactlyInAnyOrder("555-0100", "555-0200", "555-0201", "555-0202", "555-0203");
        assertThat(members(group)).containsExactlyInAnyOrderElementsOf(members);
    }

    @Test
    void manyPatchesOfOneUserAtOnceAllSucceedAndEachIsKept() throws Exception {
        String id = createUser(unique("busy")).get("id").asText();
        int patches = 24;
        ExecutorService pool = Executors.newFixedThreadPool(patches);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < patches; i++) {
                String number = "555-1" + (100 + i);
                answers.add(pool.submit(() -> patch(
                        "/Users/" + id,
                        patchOp(op("add", "phoneNumbers", List.of(Map.of("value", number, "type", "other")))))));
            }
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(get("/Users/" + id).json().get("phoneNumbers").findValuesAsText("value"))
                .hasSize(patches)
                .doesNotHaveDuplicates();
    }

    @Test
    void keepsTheRulesForMembersAndTeamsMadeInTheControlPanel() {
        String manualEmail = unique("manual");
        var invited =
                admin.post("/api/orgs/" + org + "/members", Map.of("email", manualEmail, "name", "Manual Person"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String manual = invited.json().get("id").asText();
        var team = admin.post("/api/orgs/" + org + "/teams", Map.of("name", "Manual team"));
        String manualTeam = team.json().get("id").asText();

        // SCIM reads show every member and team of the organization.
        assertThat(get("/Users/" + manual).status()).isEqualTo(200);
        assertThat(get("/Groups/" + manualTeam).status()).isEqualTo(200);

        long events = eventCount();
        String pushed = createGroup("Pushed team").get("id").asText();
        events = eventCount();
        var rule3 = patch("/Groups/" + pushed, patchOp(op("add", "members", List.of(Map.of("value", manual)))));
        assertError(rule3, 400, "invalidValue");
        // named as the Okta admin who reads the push report knows them
        assertThat(rule3.json().get("detail").asText())
                .contains("Member " + manualEmail.toLowerCase() + " (" + manual + ")")
                .contains("team \"Pushed team\"")
                .contains("pushed from Okta");
        assertError(
                post(
                        "/Groups",
                        Map.of(
                                "schemas",
                                List.of(GROUP_SCHEMA),
                                "displayName",
                                "Pushed with manual",
                                "members",
                                List.of(Map.of("value", manual)))),
                400,
                "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
    }

    private List<String> members(String group) {
        List<String> ids = new ArrayList<>();
        get("/Groups/" + group)
                .json()
                .path("members")
                .forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }
}
