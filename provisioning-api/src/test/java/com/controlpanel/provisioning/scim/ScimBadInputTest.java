package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a SCIM error with a precise detail, never a 5xx, and changes nothing. */
@ApplicationTest
class ScimBadInputTest extends ScimTestSupport {

    private String userId;
    private String groupId;
    private long events;

    @BeforeEach
    void someState() {
        userId = createUser(unique("existing")).get("id").asText();
        groupId = createGroup("Existing", userId).get("id").asText();
        events = eventCount();
    }

    @Test
    void malformedBodies() {
        assertError(scim.send("POST", "/Users", "{\"userName\": ", SCIM_JSON), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Users", "[1, 2]", SCIM_JSON), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Users", "", SCIM_JSON), 400, "invalidSyntax");
        assertError(scim.send("PATCH", "/Users/" + userId, "{oops}", SCIM_JSON), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Groups", "not json", SCIM_JSON), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Users", "userName=x", "text/plain"), 415, null);
        // a wildcard is no media type a body has
        assertError(scim.send("POST", "/Users", oktaUser(unique("x"), "W", "C"), "application/*+json"), 415, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aListOfOneWhereASingleValueIsExpectedIsThatValueAndALongerListIsRefused() {
        ObjectNode wrapped = oktaUser(unique("wrapped"), "Wrapped", "Values");
        wrapped.putArray("title").add("Boss");
        wrapped.putObject(ENTERPRISE).putArray("manager").addObject().put("value", userId);
        wrapped.withObject("/" + ENTERPRISE).putArray("department").add("Sales");
        JsonNode created = createUser(wrapped);
        assertThat(created.get("title").asText()).isEqualTo("Boss");
        assertThat(created.get(ENTERPRISE).get("manager").get("value").asText()).isEqualTo(userId);
        assertThat(created.get(ENTERPRISE).get("department").asText()).isEqualTo("Sales");
        events = eventCount();

        ObjectNode twoTitles = oktaUser(unique("x"), "Two", "Titles");
        twoTitles.putArray("title").add("Boss").add("Chief");
        var refused = post("/Users", twoTitles);
        assertError(refused, 400, "invalidValue");
        assertThat(refused.json().get("detail").asText()).contains("'title' takes a single value, not a list of 2");
        var twoManagers = patch(
                "/Users/" + created.get("id").asText(),
                patchOp(op("replace", ENTERPRISE + ":manager", List.of(Map.of("value", "a"), Map.of("value", "b")))));
        assertError(twoManagers, 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void invalidUsers() {
        ObjectNode noUserName = oktaUser(unique("x"), "No", "Name");
        noUserName.remove("userName");
        assertError(post("/Users", noUserName), 400, "invalidValue");
        assertError(post("/Users", oktaUser(unique("x"), "A", "B").put("active", "maybe")), 400, "invalidValue");
        ObjectNode objectUserName = oktaUser(unique("x"), "A", "B");
        objectUserName.putObject("userName").put("value", "x");
        assertError(post("/Users", objectUserName), 400, "invalidValue");
        ObjectNode badEmail = oktaUser(unique("x"), "A", "B");
        ((ObjectNode) badEmail.get("emails").get(0)).put("value", "not-an-email");
        assertError(post("/Users", badEmail), 400, "invalidValue");
        ObjectNode twoPrimaries = oktaUser(unique("x"), "A", "B");
        twoPrimaries
                .withArray("emails")
                .addObject()
                .put("value", "second@example.com")
                .put("primary", true);
        assertError(post("/Users", twoPrimaries), 400, "invalidValue");
        ObjectNode wrongSchema = oktaUser(unique("x"), "A", "B");
        wrongSchema.putArray("schemas").add(GROUP_SCHEMA);
        assertError(post("/Users", wrongSchema), 400, "invalidValue");
        assertError(post("/Users", oktaUser("x".repeat(300) + "@example.com", "Long", "Name")), 400, "invalidValue");
        assertError(
                post("/Users", oktaUser(unique("x"), "A", "B").put("displayName", "bell\u0007")), 400, "invalidValue");
        // half a surrogate pair, as JSON can escape it: no store keeps it (it was stored as '?')
        assertError(
                scim.send(
                        "POST",
                        "/Users",
                        "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"\\ud800" + unique("x") + "\"}",
                        SCIM_JSON),
                400,
                "invalidValue");
        ObjectNode badPhones = oktaUser(unique("x"), "A", "B");
        badPhones.putArray("phoneNumbers").addArray().add("nested");
        assertError(post("/Users", badPhones), 400, "invalidValue");
        // a yes or no is no text (a number is read as its digits, as some directories send them)
        assertError(post("/Users", oktaUser(unique("x"), "A", "B").put("userName", true)), 400, "invalidValue");
        assertError(post("/Users", oktaUser(unique("x"), "A", "B").put("title", false)), 400, "invalidValue");
        ObjectNode booleanName = oktaUser(unique("x"), "A", "B");
        ((ObjectNode) booleanName.get("name")).put("givenName", true);
        assertError(post("/Users", booleanName), 400, "invalidValue");
        assertError(
                patch(
                        "/Users/" + userId,
                        patchOp(op("add", "phoneNumbers", List.of(Map.of("value", "555", "type", true))))),
                400,
                "invalidValue");
        assertError(patch("/Users/" + userId, patchOp(op("replace", "displayName", true))), 400, "invalidValue");
        assertThat(post("/Users", oktaUser(unique("x"), "A", "B").put("title", 1042))
                        .status())
                .isEqualTo(201);
        events = eventCount();
        var differentId = get("/Users/" + userId).json().deepCopy();
        ((ObjectNode) differentId).put("id", "another-id");
        assertError(put("/Users/" + userId, differentId), 400, "mutability");
        assertError(put("/Users/no-such-user", oktaUser(unique("x"), "A", "B")), 404, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aNumberSentForTextIsKeptAsTheExactNumberItIsAndACustomOneNoDoubleHoldsIsRefused() {
        String userName = unique("numbers");
        var created = scim.send(
                "POST",
                "/Users",
                "{\"schemas\":[\"" + USER_SCHEMA + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + userName
                        + "\",\"title\":1e400,\"" + ENTERPRISE
                        + "\":{\"employeeNumber\":1.10,\"costCenter\":1E2,\"division\":1042}}",
                SCIM_JSON);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        // read as a double, 1e400 was "Infinity", 1.10 "1.1" and 1E2 "100.0"
        var user = get("/Users/" + id).json();
        assertThat(user.get("title").asText()).isEqualTo("1E+400");
        assertThat(user.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("1.10");
        assertThat(user.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("1E+2");
        assertThat(user.get(ENTERPRISE).get("division").asText()).isEqualTo("1042");
        var patched = scim.send(
                "PATCH",
                "/Users/" + id,
                "{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":"
                        + "[{\"value\":4.15555e10,\"type\":\"work\"}]}]}",
                SCIM_JSON);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("phoneNumbers").get(0).get("value").asText())
                .isEqualTo("4.15555E+10");
        // a later PATCH reads the User as kept: its numbers stay as they are
        assertThat(patch("/Users/" + id, patchOp(op("replace", "displayName", "Numbers")))
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("1E+400");
        var group = scim.send("POST", "/Groups", "{\"displayName\":1e400}", SCIM_JSON);
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        assertThat(group.json().get("displayName").asText()).isEqualTo("1E+400");

        // a custom extension's values are kept as sent, numbers as numbers: one no double holds would be another
        String custom = "urn:example:params:scim:schemas:extension:acme:2.0:User";
        long before = eventCount();
        for (String number : List.of("1e400", "-1e400", "1e-400")) {
            assertError(
                    scim.send(
                            "POST",
                            "/Users",
                            "{\"schemas\":[\"" + USER_SCHEMA + "\",\"" + custom + "\"],\"userName\":\""
                                    + unique("custom") + "\",\"" + custom + "\":{\"score\":" + number + "}}",
                            SCIM_JSON),
                    400,
                    "invalidValue");
        }
        assertThat(eventCount()).isEqualTo(before);
        var kept = scim.send(
                "POST",
                "/Users",
                "{\"schemas\":[\"" + USER_SCHEMA + "\",\"" + custom + "\"],\"userName\":\"" + unique("custom") + "\",\""
                        + custom + "\":{\"score\":1.5,\"rank\":3}}",
                SCIM_JSON);
        assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
        assertThat(kept.json().get(custom).get("score").isNumber()).isTrue();
        assertThat(kept.json().get(custom).get("score").doubleValue()).isEqualTo(1.5);
        assertThat(kept.json().get(custom).get("rank").intValue()).isEqualTo(3);
    }

    @Test
    void invalidGroups() {
        assertError(post("/Groups", Map.of("schemas", List.of(GROUP_SCHEMA))), 400, "invalidValue");
        assertError(
                post(
                        "/Groups",
                        Map.of("displayName", "Nested", "members", List.of(Map.of("value", groupId, "type", "Group")))),
                400,
                "invalidValue");
        assertError(
                post("/Groups", Map.of("displayName", "Ghosts", "members", List.of(Map.of("value", "no-such-user")))),
                400,
                "invalidValue");
        assertError(
                post("/Groups", Map.of("displayName", "Bad id", "members", List.of(Map.of("value", "not an id!")))),
                400,
                "invalidValue");
        var other = admin.post("/api/orgs", Map.of("name", "Other " + System.nanoTime()));
        String otherOrg = other.json().get("id").asText();
        var enabled = admin.post("/api/orgs/" + otherOrg + "/provisioning/enable", null)
                .json();
        var otherScim = com.controlpanel.provisioning.testing.Http.to(
                        enabled.get("tenantUrl").asText())
                .bearer(enabled.get("secretToken").asText());
        String foreigner = otherScim
                .send("POST", "/Users", oktaUser(unique("foreign"), "F", "O"), SCIM_JSON)
                .json()
                .get("id")
                .asText();
        assertError(
                post("/Groups", Map.of("displayName", "Foreign", "members", List.of(Map.of("value", foreigner)))),
                400,
                "invalidValue");
        assertError(put("/Groups/" + groupId, Map.of("displayName", "")), 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void invalidParametersAndRoutes() {
        // a parameter twice: which one was meant? (the second was dropped, answering another question)
        assertError(get("/Users?filter=userName%20eq%20%22a%22&filter=userName%20eq%20%22b%22"), 400, "invalidFilter");
        assertError(get("/Users?count=1&count=2"), 400, "invalidValue");
        assertError(get("/Users?sortBy=emails[value%20eq%20%22x%22]"), 400, "invalidValue");
        assertError(get("/Users?startIndex=abc"), 400, "invalidValue");
        assertError(get("/Users?count=1.5"), 400, "invalidValue");
        // digits of another script, which Java reads as numbers: no integer of RFC 7644 §3.4.2.4 (nor of JSON)
        for (String notAscii : List.of("count=%D9%A3", "count=%EF%BC%93", "startIndex=%D9%A1%D9%A0%D9%A1")) {
            assertError(get("/Users?" + notAscii), 400, "invalidValue");
        }
        assertThat(get("/Users?count=+2&startIndex=%201%20")
                        .json()
                        .get("itemsPerPage")
                        .asInt())
                .isEqualTo(1);
        // a misspelt parameter, ignored, would answer with every resource
        assertError(get("/Users?fliter=userName%20eq%20%22a%22"), 400, "invalidFilter");
        assertThat(get("/Groups?filtr=displayName%20eq%20%22a%22")
                        .json()
                        .get("detail")
                        .asText())
                .contains("'filtr'")
                .contains("'filter' was meant");
        assertError(get("/Users?startIndx=2"), 400, "invalidValue");
        assertError(get("/Users?excludedAttribute=members"), 400, "invalidValue");
        assertError(get("/Groups?sortOrdr=descending"), 400, "invalidValue");
        assertError(get("/Users?$filter=userName%20eq%20%22a%22"), 400, "invalidFilter");
        // a name nothing like a search parameter's is left to the client; a short one's neighbours only one letter off
        for (String other : List.of("cacheBuster=1700000000", "account=acme", "sort=displayName", "folder=x")) {
            assertThat(get("/Users?" + other + "&count=1").status()).as(other).isEqualTo(200);
        }
        assertError(post("/Users/.search", Map.of("schemas", List.of("urn:example:wrong"))), 400, "invalidValue");
        assertError(post("/Users/.search", Map.of("count", List.of(1))), 400, "invalidValue");
        assertError(get("/Unknown"), 404, null);
        assertError(scim.delete("/Users"), 405, null);
        assertError(scim.send("PUT", "/Groups", Map.of("displayName", "x"), SCIM_JSON), 405, null);
        assertError(get("/Users/not%20an%20id"), 404, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aFilterNestedTooDeepIsRefusedNot500() {
        String deep = "not(".repeat(1500) + "userName pr" + ")".repeat(1500);
        for (String search : List.of("/Users/.search", "/Groups/.search")) {
            var refused = post(
                    search,
                    Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", deep));
            assertError(refused, 400, "invalidFilter");
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Invalid filter: its parentheses and brackets nest 1500 deep, more than the 100 this"
                            + " service takes");
        }
        // a hundred deep is still read, one more is not
        String search = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
        String hundred = "not(".repeat(100) + "userName pr" + ")".repeat(100);
        assertThat(post("/Users/.search", Map.of("schemas", List.of(search), "filter", hundred))
                        .status())
                .isEqualTo(200);
        assertError(
                post("/Users/.search", Map.of("schemas", List.of(search), "filter", "(" + hundred + ")")),
                400,
                "invalidFilter");
        // nor in a PATCH path's value filter, nor in sortBy
        String deepValues = "emails[" + "not(".repeat(5000) + "value pr" + ")".repeat(5000) + "]";
        var patched = patch("/Users/" + userId, patchOp(op("remove", deepValues, null)));
        assertError(patched, 400, "invalidPath");
        assertThat(patched.json().get("detail").asText())
                .isEqualTo("Operation 1: its path's brackets and parentheses nest 5001 deep, more than the 100 this"
                        + " service takes");
        String deepSort = "emails[" + "not(".repeat(150) + "value pr" + ")".repeat(150) + "]";
        assertError(
                post("/Users/.search", Map.of("schemas", List.of(search), "sortBy", deepSort)), 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aQueryWithABrokenPercentEscapeIsRefusedNotServedWithoutTheParameter() {
        // the container drops a parameter it can not decode: this search would have listed every user
        var search = scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22nobody%ZZ@example.com%22&count=1");
        assertError(search, 400, "invalidFilter");
        assertThat(search.json().get("detail").asText()).contains("'filter'").contains("%25");
        assertError(scim.sendRaw("GET", "/Users?startIndex=1&count=5%"), 400, "invalidValue");
        assertThat(scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22nobody%25x@example.com%22")
                        .json()
                        .get("totalResults")
                        .asInt())
                .isZero();
    }

    @Test
    void aQueryWhoseEscapesAreNotUtf8IsRefusedNotSearchedForAReplacementCharacter() {
        // read as U+FFFD, the search would answer "nobody" for a text the client never sent
        for (String notUtf8 : List.of("%FF", "%ED%A0%BD", "%C3")) {
            var search = scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22" + notUtf8 + "%22");
            assertError(search, 400, "invalidFilter");
            assertThat(search.json().get("detail").asText())
                    .isEqualTo("The query parameter 'filter' is not UTF-8 once its percent-escapes are decoded (%FF,"
                            + " or half of a character): percent-encode its text's UTF-8 bytes");
        }
        assertError(scim.sendRaw("GET", "/Users?count=%FF1"), 400, "invalidValue");
        // UTF-8 escapes, of one byte to four, are read
        String existing = get("/Users/" + userId).json().get("userName").asText();
        var found = scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22" + existing.replace("@", "%40") + "%22");
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        for (String utf8 : List.of("%C3%A9", "%E2%82%AC", "%F0%9F%8E%89")) {
            var none = scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22" + utf8 + "%22");
            assertThat(none.status()).as(none.toString()).isEqualTo(200);
            assertThat(none.json().get("totalResults").asInt()).isZero();
        }
    }

    @Test
    void anAddressTheContainerRefusesIsAnsweredAsAScimError() {
        // an encoded '/' or '\\' or a NUL: Tomcat refuses these itself, before the application (its page was HTML)
        for (String refused : List.of("/Users/a%2Fb", "/Users/a%5Cb", "/Users/a%00b")) {
            assertError(scim.sendRaw("GET", refused), 400, null);
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anAddressUnderScimThatIsNoTenantUrlIsAScimError() {
        Http outside = Http.to("http://localhost:" + port);
        for (String path : List.of("/scim", "/scim/", "/scim/v1/Users", "/scim/Users")) {
            var answer = outside.get(path);
            assertError(answer, 404, null);
            assertThat(answer.json().get("detail").asText()).contains("/scim/v2/<tenant id>");
        }
        assertError(outside.post("/scim/v1/Users", oktaUser(unique("outside"), "O", "Side")), 404, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aFilterTypedWithItsQuotesAndBracketsAsTheyAreIsRead() {
        String userName = get("/Users/" + userId).json().get("userName").asText();
        var lookup = scim.sendRaw("GET", "/Users?filter=userName%20eq%20\"" + userName + "\"");
        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
        assertThat(lookup.json().get("totalResults").asInt()).isEqualTo(1);
        var byEmail = scim.sendRaw("GET", "/Users?filter=emails[value%20eq%20\"" + userName + "\"]");
        assertThat(byEmail.status()).as(byEmail.toString()).isEqualTo(200);
        assertThat(byEmail.json().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void unsupportedEndpointsAre501AndAMethodAnEndpointDoesNotTakeIs405WithAllow() {
        assertError(get("/Me"), 501, null);
        assertError(
                post("/Bulk", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"))),
                501,
                null);
        var delete = scim.delete("/Users");
        assertError(delete, 405, null);
        assertThat(delete.header("Allow")).contains("GET").contains("POST").doesNotContain("DELETE");
        var post = scim.send("POST", "/Users/" + userId, Map.of(), SCIM_JSON);
        assertError(post, 405, null);
        assertThat(post.header("Allow")).contains("PUT").contains("PATCH").contains("DELETE");
        // OPTIONS lists what the endpoint at the path takes; at no endpoint it is 404 (it listed every method)
        assertError(scim.send("OPTIONS", "/Unknown", null, null), 404, null);
        var options = scim.send("OPTIONS", "/Users", null, null);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).contains("GET", "POST").doesNotContain("PUT", "PATCH", "DELETE");
        assertThat(scim.send("OPTIONS", "/Users/" + userId, null, null).header("Allow"))
                .contains("GET", "PUT", "PATCH", "DELETE")
                .doesNotContain("POST");
        assertThat(scim.send("OPTIONS", "/Users/.search", null, null).header("Allow"))
                .contains("POST")
                .doesNotContain("GET", "PUT", "PATCH", "DELETE");
        for (String search : List.of("/Users/.search", "/Groups/.search")) {
            var notPosted = get(search);
            assertError(notPosted, 405, null);
            assertThat(notPosted.header("Allow")).isEqualTo("POST");
            assertError(scim.delete(search), 405, null);
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyIsOneJsonObjectWithEachKeyOnce() {
        String user = oktaUser(unique("strict"), "Strict", "Json").toString();
        assertError(scim.send("POST", "/Users", user + " trailing", SCIM_JSON), 400, "invalidSyntax");
        var two = scim.send("POST", "/Users", user + " " + oktaUser(unique("second"), "Second", "One"), SCIM_JSON);
        assertError(two, 400, "invalidSyntax");
        // in words of JSON, not of the parser's classes and settings
        assertThat(two.json().get("detail").asText())
                .startsWith(
                        "The body is not valid JSON: more JSON follows the body's object: send one JSON value (line 1")
                .doesNotContain("Jackson")
                .doesNotContain("DeserializationFeature");
        var twice = scim.send(
                "POST", "/Users", user.replaceFirst("\\{", "{\"userName\":\"" + unique("first") + "\","), SCIM_JSON);
        assertError(twice, 400, "invalidSyntax");
        assertThat(twice.json().get("detail").asText()).contains("userName");
        // attribute names are case-insensitive (RFC 7643 §2.1): in another letter case it is the same key twice
        var cased = scim.send(
                "POST", "/Users", user.replaceFirst("\\{", "{\"USERNAME\":\"" + unique("cased") + "\","), SCIM_JSON);
        assertError(cased, 400, "invalidSyntax");
        assertThat(cased.json().get("detail").asText())
                .contains("Duplicate field")
                .containsIgnoringCase("username");
        assertThat(eventCount()).isEqualTo(events);
        String someone = createUser(unique("cased.patch")).get("id").asText();
        events = eventCount();
        assertError(
                scim.send(
                        "PATCH",
                        "/Users/" + someone,
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[],"
                                + "\"OPERATIONS\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}",
                        SCIM_JSON),
                400,
                "invalidSyntax");
        assertError(
                scim.send(
                        "PATCH",
                        "/Users/" + someone,
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
                                + "\"replace\",\"value\":{\"displayName\":\"A\",\"DISPLAYNAME\":\"B\"}}]}",
                        SCIM_JSON),
                400,
                "invalidSyntax");
        var deep = scim.send("POST", "/Users", "[".repeat(1200) + "]".repeat(1200), SCIM_JSON);
        assertError(deep, 400, "invalidSyntax");
        assertThat(deep.json().get("detail").asText()).doesNotContain("StreamReadConstraints");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyIsReadInTheCharsetItsContentTypeNames() {
        String userName = unique("latin");
        byte[] latin1 =
                oktaUser(userName, "Zoë", "Ångström").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var created = scim.send("POST", "/Users", latin1, "application/json; charset=ISO-8859-1");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("name").get("givenName").asText()).isEqualTo("Zoë");
        assertError(scim.send("POST", "/Users", latin1, "application/json; charset=x-no-such-charset"), 415, null);
    }

    @Test
    void aCompressedBodyIsRefusedAsAnEncodingThisServerDoesNotRead() throws Exception {
        String userName = unique("gzip");
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(oktaUser(userName, "Zip", "Ped").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var refused = scim.header("Content-Encoding", "gzip")
                .send("POST", "/Users", compressed.toByteArray(), "application/scim+json");
        assertError(refused, 415, null);
        assertThat(refused.json().get("detail").asText()).contains("Content-Encoding 'gzip' is not supported");
        assertThat(refused.header("Accept-Encoding")).isEqualTo("identity");
        // the same body sent as it is, declared so, is read
        var plain = scim.header("Content-Encoding", "identity")
                .send("POST", "/Users", oktaUser(userName, "Zip", "Ped"), "application/scim+json");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aLongAddressIsReadAndAnsweredAsScim() {
        // a filter of the 100 comparisons a search takes can pass Tomcat's default 8 KB once percent-encoded
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            filter.append(i == 0 ? "" : "%20or%20")
                    .append("userName%20eq%20%22firstname.lastname-")
                    .append(i)
                    .append("%40northwind-traders.example.com%22");
        }
        assertThat(filter.length()).isGreaterThan(8 * 1024);
        var search = scim.sendRaw("GET", "/Users?filter=" + filter);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(search.json().get("totalResults").asInt()).isZero();
        var longValue = scim.sendRaw("GET", "/Users?filter=userName%20eq%20%22" + "a".repeat(20_000) + "%22");
        assertThat(longValue.header("Content-Type")).startsWith("application/scim+json");
        assertError(scim.sendRaw("GET", "/Users/" + "a".repeat(10_000)), 404, null);
        // past the limit of the request line and headers together: refused by the server, the address unread
        assertThat(scim.sendRaw("GET", "/Users/" + "a".repeat(70_000)).status()).isEqualTo(400);
    }

    @Test
    void anAddressTheFirewallRefusesIsAScimError() {
        assertError(scim.sendRaw("GET", "/Users/a%3Bb"), 400, null);
        assertError(scim.sendRaw("GET", "/Users/%2e%2e"), 400, null);
    }

    @Test
    void aMemberFilterNamingNoSubAttributeOfAMemberIsAnInvalidPath() {
        var unknown = patch("/Groups/" + groupId, patchOp(op("remove", "members[foo eq \"1\"]", null)));
        assertError(unknown, 400, "invalidPath");
        assertThat(unknown.json().get("detail").asText()).contains("'foo'");
        assertError(
                patch(
                        "/Groups/" + groupId,
                        patchOp(op("remove", "members[value eq \"" + userId + "\" or name.givenName eq \"x\"]", null))),
                400,
                "invalidPath");
        assertThat(eventCount()).isEqualTo(events);
        var byDisplay = patch("/Groups/" + groupId, patchOp(op("remove", "members[display eq \"nobody\"]", null)));
        assertThat(byDisplay.status()).as(byDisplay.toString()).isIn(200, 204);
    }

    @Test
    void aGroupExternalIdOverItsBoundIsInvalidNotAServerError() {
        var created = post("/Groups", group("Long external id", "e".repeat(600)));
        assertError(created, 400, "invalidValue");
        assertThat(created.json().get("detail").asText()).contains("externalId").contains("512");
        assertError(
                patch("/Groups/" + groupId, patchOp(op("replace", "externalId", "e".repeat(513)))),
                400,
                "invalidValue");
        assertError(put("/Groups/" + groupId, group("Existing", "e".repeat(513))), 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);
        // the refused name is free, and 512 characters are kept
        var kept = post("/Groups", group("Long external id", "e".repeat(512)));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
        assertThat(kept.json().get("externalId").asText()).hasSize(512);
    }

    private static Map<String, Object> group(String displayName, String externalId) {
        return Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", displayName, "externalId", externalId);
    }

    @Test
    void aUserWhoseAttributesTogetherPassTheirBoundIsInvalidNotAServerError() {
        // within the 2 MiB a body may take, more than the directory keeps of one member
        ObjectNode big = oktaUser(unique("big"), "Big", "Profile");
        big.put("title", "b".repeat(1_500_000));
        var refused = post("/Users", big);
        assertError(refused, 400, "invalidValue");
        assertThat(refused.json().get("detail").asText()).contains("at most 900,000 characters");
        // control characters take six each as JSON: 200,000 of them are over the bound too
        ObjectNode escaped = oktaUser(unique("escaped"), "Escaped", "Profile");
        escaped.put("title", "\u0001".repeat(200_000));
        assertError(post("/Users", escaped), 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(events);

        // growing to it one PATCH at a time: the PATCH that passes it is refused, the member kept as it was
        var title = patch("/Users/" + userId, patchOp(op("add", "title", "t".repeat(600_000))));
        assertThat(title.status()).as(title.toString()).isEqualTo(200);
        long afterTitle = eventCount();
        var nickName = patch("/Users/" + userId, patchOp(op("add", "nickName", "n".repeat(600_000))));
        assertError(nickName, 400, "invalidValue");
        assertThat(eventCount()).isEqualTo(afterTitle);
        var kept = get("/Users/" + userId).json();
        assertThat(kept.has("nickName")).isFalse();
        assertThat(kept.get("title").asText()).hasSize(600_000);
        // and it still takes a change that does not make it larger
        var smaller = patch("/Users/" + userId, patchOp(op("replace", "title", "Engineer")));
        assertThat(smaller.status()).as(smaller.toString()).isEqualTo(200);
    }

    @Test
    void aUserNameThatLooksLikeAnotherIsRefused() {
        String plain = unique("ann");
        createUser(plain);
        long before = eventCount();
        for (String lookAlike : List.of(
                plain + "\u200b", // a zero-width space at the end
                "\uff41" + plain.substring(1), // a full-width first letter
                plain.replace("@", "\u00a0@"))) { // a no-break space
            var refused = post("/Users", oktaUser(lookAlike, "Look", "Alike"));
            assertError(refused, 400, "invalidValue");
            assertThat(refused.json().get("detail").asText()).contains("must be written plainly");
        }
        // an accent written as a separate mark, beside the same name written with the accented letter
        createUser("jos\u00e9-" + plain);
        var decomposed = post("/Users", oktaUser("jose\u0301-" + plain, "Jose", "Apart"));
        assertError(decomposed, 400, "invalidValue");
        assertThat(decomposed.json().get("detail").asText()).contains("plainly: 'jos\u00e9-" + plain + "'");
        // a PUT keeping a userName as it is does not check it again; changing it to a look-alike is refused
        assertError(
                put("/Users/" + userId, oktaUser(plain.replace("ann", "\uff41nn"), "Look", "Alike")),
                400,
                "invalidValue");
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void aGroupNameWithAnAccentWrittenApartIsRefusedBesideTheSameNameComposed() {
        String suffix = unique("crew").replace("@", "-");
        var composed = post("/Groups", group("\u00c9quipe " + suffix, "composed-" + suffix));
        assertThat(composed.status()).as(composed.toString()).isEqualTo(201);
        long before = eventCount();

        var apart = post("/Groups", group("E\u0301quipe " + suffix, "apart-" + suffix));
        assertError(apart, 400, "invalidValue");
        assertThat(apart.json().get("detail").asText()).contains("plainly: '\u00c9quipe " + suffix + "'");
        assertThat(eventCount()).isEqualTo(before);
        // Okta's lookup before it creates finds the one team under that name
        var found = get("/Groups?filter="
                + java.net.URLEncoder.encode(
                        "displayName eq \"\u00c9quipe " + suffix + "\"", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void aBaseUrlWithoutTheTenantIdIsToldSoEvenWithARightToken() {
        Http withoutTenant = Http.to("http://localhost:" + port + "/scim/v2").bearer(token);
        for (String path : List.of(
                "/Users", "/Users?startIndex=1&count=2", "/Groups", "/ServiceProviderConfig", "/users/" + userId)) {
            var answer = withoutTenant.get(path);
            assertError(answer, 404, null);
            assertThat(answer.json().get("detail").asText()).contains("/scim/v2/<tenant id>");
            assertThat(answer.header("WWW-Authenticate")).isNull();
        }
        assertError(withoutTenant.send("POST", "/Users", oktaUser(unique("lost"), "L", "O"), SCIM_JSON), 404, null);
        // another tenant's address, or none that exists, is still 401: whether it exists is not told
        var unknownTenant = Http.to("http://localhost:" + port + "/scim/v2/not-a-tenant")
                .bearer(token)
                .get("/Users");
        assertError(unknownTenant, 401, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aTenantIdWithPercentEncodedCharactersIsTheSameTenant() {
        String tenant = tenantUrl.substring(tenantUrl.lastIndexOf('/') + 1);
        String scimBase = "http://localhost:" + port + "/scim/v2/";
        // RFC 3986 §2.3: an unreserved character percent-encoded is the same character
        Http dashesEncoded = Http.to(scimBase + tenant.replace("-", "%2D")).bearer(token);
        var list = dashesEncoded.get("/Users");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("totalResults").asInt()).isEqualTo(1);
        var user = dashesEncoded.get("/Users/" + userId);
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.json().get("meta").get("location").asText()).isEqualTo(tenantUrl + "/Users/" + userId);

        StringBuilder everyCharacter = new StringBuilder();
        for (char c : tenant.toCharArray()) {
            everyCharacter.append(String.format("%%%02x", (int) c));
        }
        var created = Http.to(scimBase + everyCharacter)
                .bearer(token)
                .send("POST", "/Users", oktaUser(unique("encoded"), "En", "Coded"), SCIM_JSON);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).startsWith(tenantUrl + "/Users/");

        // decoded, it is still this tenant's address: another's token, or an id made by the encoding, is 401
        var other = admin.post("/api/orgs", Map.of("name", "Other " + System.nanoTime()));
        String otherToken = admin.post("/api/orgs/" + other.json().get("id").asText() + "/provisioning/enable", null)
                .json()
                .get("secretToken")
                .asText();
        assertError(dashesEncoded.bearer(otherToken).get("/Users"), 401, null);
        assertError(Http.to(scimBase + tenant + "%20").bearer(token).get("/Users"), 401, null);
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aTenantUrlTypedWithATrailingSlashStillWorks() {
        // the client appends "/Users" to "<Tenant URL>/"
        Http trailingSlash = Http.to(tenantUrl + "/").bearer(token);
        var list = trailingSlash.get("/Users");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(trailingSlash.get("/Users/" + userId).json().get("id").asText())
                .isEqualTo(userId);
        var created = trailingSlash.send("POST", "/Users", oktaUser(unique("slash"), "Trailing", "Slash"), SCIM_JSON);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // the links it gets back are the canonical ones
        assertThat(created.header("Location")).startsWith(tenantUrl + "/Users/").doesNotContain("//Users");
        assertThat(Http.to(tenantUrl + "//").bearer(token).get("/Groups").status())
                .isEqualTo(200);
        // the token is still checked
        assertError(Http.to(tenantUrl + "/").bearer("wrong").get("/Users"), 401, null);
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void anAddressWithATrailingSlashIsTheResourceWithout() {
        var list = get("/Users/");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("totalResults").asInt()).isEqualTo(1);
        var user = get("/Users/" + userId + "/");
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.json().get("id").asText()).isEqualTo(userId);
        assertThat(get("/ServiceProviderConfig/")
                        .json()
                        .get("patch")
                        .get("supported")
                        .asBoolean())
                .isTrue();
        var patched = patch("/Users/" + userId + "/", patchOp(op("replace", "active", false)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("active").asBoolean()).isFalse();
        assertThat(eventCount()).isEqualTo(events + 1);
        // the token is still checked, and an unknown resource is still one
        assertError(Http.to(tenantUrl).bearer("wrong").get("/Users/"), 401, null);
        assertError(get("/Teams/"), 404, null);
    }

    @Test
    void aTenantIdTypedInCapitalsIsTheSameTenant() {
        // RFC 4122 §3: a UUID is the same whatever the case of its hex digits
        String tenant = tenantUrl.substring(tenantUrl.lastIndexOf('/') + 1);
        Http capitals = Http.to("http://localhost:" + port + "/scim/v2/" + tenant.toUpperCase(Locale.ROOT))
                .bearer(token);
        var list = capitals.get("/Users");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("totalResults").asInt()).isEqualTo(1);
        var created = capitals.send("POST", "/Users", oktaUser(unique("capitals"), "Cap", "Itals"), SCIM_JSON);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // the links it gets back are the canonical ones
        assertThat(created.header("Location")).startsWith(tenantUrl + "/Users/");
        assertError(capitals.bearer("wrong").get("/Users"), 401, null);
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void anAcceptThatTakesNoJsonIsRefusedBeforeTheCallRuns() {
        Http xml = scim.header("Accept", "application/xml");
        var read = xml.get("/Users/" + userId);
        assertError(read, 406, null);
        assertThat(read.json().get("detail").asText())
                .contains("answers application/scim+json")
                .contains("(application/xml)");
        assertError(xml.send("POST", "/Users", oktaUser(unique("xml"), "Ex", "Emel"), SCIM_JSON), 406, null);
        assertError(xml.patch("/Users/" + userId, patchOp(op("replace", "active", false))), 406, null);
        assertError(scim.header("Accept", "application/scim+json;q=0").get("/Groups"), 406, null);
        assertThat(eventCount()).isEqualTo(events);
        // what a browser, curl, Okta and Entra send is answered; so is a header that is no list of media types
        for (String accept : List.of(
                "application/scim+json",
                "application/json",
                "*/*",
                "application/*+json",
                "application/xml, application/json;q=0.5",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "not a media type")) {
            var answer = scim.header("Accept", accept).get("/Users/" + userId);
            assertThat(answer.status()).as(accept + ": " + answer).isEqualTo(200);
        }
        // an address with no resource, and a method the route does not take, say so whatever the Accept
        assertError(xml.get("/Teams"), 404, null);
        assertError(xml.send("PUT", "/Users", oktaUser(unique("put"), "P", "U"), SCIM_JSON), 405, null);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aMethodNoServerKnowsIs501NotABadAddress() {
        for (String method : List.of("PROPFIND", "FOO", "TRACE")) {
            var answer = scim.sendRaw(method, "/Users");
            assertError(answer, 501, null);
            assertThat(answer.json().get("detail").asText())
                    .isEqualTo("The method " + method + " is not one this service takes: GET, HEAD, POST, PUT, PATCH,"
                            + " DELETE, OPTIONS");
        }
    }

    @Test
    void aPatchOfMoreThanAThousandOperationsIs413AndChangesNothing() {
        Object[] many = new Object[1001];
        for (int i = 0; i < many.length; i++) {
            many[i] = op("add", "phoneNumbers", List.of(Map.of("value", "+1 555 01" + i)));
        }
        for (String resource : List.of("/Users/" + userId, "/Groups/" + groupId)) {
            var refused = patch(resource, patchOp(many));
            assertError(refused, 413, null);
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("A PATCH request may hold at most 1000 operations, not 1001: send them in several"
                            + " requests (or many values in one operation)");
        }
        assertThat(eventCount()).isEqualTo(events);

        // a thousand are taken
        Object[] thousand = java.util.Arrays.copyOf(many, 1000);
        assertThat(patch("/Users/" + userId, patchOp(thousand)).status()).isEqualTo(200);
        assertThat(get("/Users/" + userId).json().get("phoneNumbers")).hasSize(1000);
    }

    @Test
    void aBodyNestedTooDeepIsRefusedNot500() {
        // 998 levels: under the parser's limit, but too deep to store in an event (it was a 500)
        String deep = "{\"a\":".repeat(996) + "1" + "}".repeat(996);
        String body = oktaUser(unique("deep"), "Deep", "Body")
                .toString()
                .replaceFirst("^\\{", "{\"urn:example:deep\":" + deep + ",");
        var refused = scim.send("POST", "/Users", body, SCIM_JSON);
        assertError(refused, 400, "invalidSyntax");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("The body nests objects and arrays more than 100 deep");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anOversizedBodyIs413() {
        ObjectNode huge = oktaUser(unique("huge"), "Huge", "Body");
        huge.put("title", "x".repeat(3 * 1024 * 1024));
        assertError(post("/Users", huge), 413, null);
        assertThat(eventCount()).isEqualTo(events);
    }
}
