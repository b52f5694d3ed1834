package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter grammar of RFC 7644 §3.4.2.2, evaluated in the database: a table of filters and the Users and Groups
 * each must find; sorting, attribute selection and POST .search; and what must be refused (400 invalidFilter).
 */
@ApplicationTest
class ScimFilterTest extends ScimTestSupport {

    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void directory() {
        ObjectNode alice = user("alice@example.com", "Alice", "Adams", "Alice Adams");
        alice.put("title", "Tour Guide").put("externalId", "ext-alice");
        alice.withArray("emails").addObject().put("value", "alice@home.org").put("type", "home");
        alice.putArray("phoneNumbers").addObject().put("value", "555-0100").put("type", "work");
        alice.putObject(ENTERPRISE)
                .put("department", "Sales")
                .putObject("manager")
                .put("value", "m-1");
        ids.put("alice", createUser(alice).get("id").asText());

        ObjectNode bob = user("bob@example.com", "Bob", "Brown", "Bob Brown");
        bob.put("title", "Engineer").put("externalId", "ext-bob").put("active", false);
        bob.putObject(ENTERPRISE).put("department", "Engineering");
        ids.put("bob", createUser(bob).get("id").asText());

        ObjectNode carol = user("carol@corp.test", "Carol", "Clark", null);
        carol.putArray("emails")
                .addObject()
                .put("value", "carol@corp.test")
                .put("type", "home")
                .put("primary", true);
        ids.put("carol", createUser(carol).get("id").asText());

        ObjectNode dave = user("Dave@Example.com", "Dave", "Davis", "Dave Davis");
        dave.put("title", "Tour Guide");
        dave.putArray("emails").addObject().put("value", "dave@example.com").put("type", "work");
        dave.withArray("emails")
                .addObject()
                .put("value", "dave2@example.com")
                .put("type", "work")
                .put("primary", true);
        ids.put("dave", createUser(dave).get("id").asText());

        ids.put(
                "Sales",
                createGroup("Sales", ids.get("alice"), ids.get("bob")).get("id").asText());
        ids.put(
                "Engineering",
                createGroup("Engineering", ids.get("bob")).get("id").asText());
        ids.put("Empty", createGroup("Empty").get("id").asText());
        patch("/Groups/" + ids.get("Sales"), patchOp(op("add", "externalId", "okta-sales")));
    }

    private static ObjectNode user(String userName, String given, String family, String displayName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add(USER_SCHEMA);
        user.put("userName", userName);
        user.putObject("name").put("givenName", given).put("familyName", family);
        if (displayName != null) {
            user.put("displayName", displayName);
        }
        user.putArray("emails")
                .addObject()
                .put("value", userName.toLowerCase())
                .put("type", "work")
                .put("primary", true);
        user.put("active", true);
        return user;
    }

    @Test
    void findsWhatEachUserFilterSays() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("userName eq \"ALICE@example.com\"", List.of("alice"));
        table.put("userName eq \"dave@example.com\"", List.of("dave"));
        table.put("userName ne \"alice@example.com\"", List.of("bob", "carol", "dave"));
        table.put("userName co \"EXAMPLE\"", List.of("alice", "bob", "dave"));
        table.put("userName sw \"a\"", List.of("alice"));
        table.put("userName ew \".test\"", List.of("carol"));
        table.put("userName pr", List.of("alice", "bob", "carol", "dave"));
        table.put("userName gt \"c\"", List.of("carol", "dave"));
        table.put("userName ge \"carol@corp.test\"", List.of("carol", "dave"));
        table.put("userName lt \"bob\"", List.of("alice"));
        table.put("userName le \"bob@example.com\"", List.of("alice", "bob"));
        table.put("userName co \"%\"", List.of());
        table.put("userName co \"_\"", List.of());
        table.put("USERNAME eq \"bob@example.com\"", List.of("bob"));
        table.put("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"carol@corp.test\"", List.of("carol"));
        table.put("title eq \"tour guide\"", List.of("alice", "dave"));
        table.put("title pr", List.of("alice", "bob", "dave"));
        table.put("not (title pr)", List.of("carol"));
        table.put("title ne \"Engineer\"", List.of("alice", "carol", "dave"));
        table.put("active eq false", List.of("bob"));
        table.put("active eq true and title eq \"Tour Guide\"", List.of("alice", "dave"));
        table.put("title eq \"Engineer\" or userName sw \"carol\"", List.of("bob", "carol"));
        table.put(
                "(title eq \"Engineer\" or title eq \"Tour Guide\") and not (userName sw \"dave\")",
                List.of("alice", "bob"));
        table.put("emails[type eq \"work\" and primary eq true]", List.of("alice", "bob", "dave"));
        table.put("emails[type eq \"home\" and primary eq true]", List.of("carol"));
        table.put("emails[type eq \"work\" and primary eq false]", List.of("dave"));
        table.put("Emails[TYPE eq \"home\"]", List.of("alice", "carol"));
        table.put("not (emails[type eq \"home\"])", List.of("bob", "dave"));
        // one element of either kind; one element satisfying only "not"s; a required comparison beside others
        table.put("emails[type eq \"home\" or primary eq false]", List.of("alice", "carol", "dave"));
        table.put("emails[value ew \"home.org\" or (type eq \"work\" and primary eq false)]", List.of("alice", "dave"));
        table.put("emails[not (type eq \"work\")]", List.of("alice", "carol"));
        table.put("emails[type eq \"home\" and not (primary eq true)]", List.of("alice"));
        table.put(
                "emails[(value eq \"dave2@example.com\" or value eq \"bob@example.com\") and primary eq true]",
                List.of("bob", "dave"));
        table.put("emails[value eq \"dave@example.com\" and primary eq true]", List.of());
        table.put("emails.value co \"home.org\"", List.of("alice"));
        table.put("emails co \"corp.test\"", List.of("carol"));
        table.put("emails.type eq \"home\" and emails.primary eq true", List.of("alice", "carol"));
        // ne on a multi-valued attribute: any value that differs (not: no value equal)
        table.put("emails.type ne \"work\"", List.of("alice", "carol"));
        table.put("emails ne \"alice@example.com\"", List.of("alice", "bob", "carol", "dave"));
        table.put("emails[type ne \"work\"]", List.of("alice", "carol"));
        table.put("name.givenName eq \"alice\"", List.of("alice"));
        table.put("name.familyName sw \"b\"", List.of("bob"));
        table.put("name[givenName eq \"Carol\"]", List.of("carol"));
        table.put("name pr", List.of("alice", "bob", "carol", "dave"));
        table.put("displayName eq \"alice adams\"", List.of("alice"));
        table.put("displayName pr", List.of("alice", "bob", "dave"));
        table.put("externalId eq \"ext-alice\"", List.of("alice"));
        table.put("externalId eq \"EXT-ALICE\"", List.of());
        // what is stored was stripped of surrounding spaces: a look-up by the value as sent finds it (Okta and Entra
        // look up before they create, and would be refused the create as a duplicate)
        table.put("userName eq \" bob@example.com \"", List.of("bob"));
        table.put("externalId eq \"ext-alice \"", List.of("alice"));
        table.put("displayName eq \"alice adams  \"", List.of("alice"));
        table.put("userName ne \"bob@example.com \"", List.of("alice", "carol", "dave"));
        table.put("emails[value eq \" bob@example.com\"]", List.of("bob"));
        table.put("name.givenName eq \"Alice \"", List.of("alice"));
        // an attribute kept as the client sent it is compared as sent: a space around it counts
        table.put("title eq \"Engineer \"", List.of());
        table.put("title eq \"Tour Guide \"", List.of());
        table.put(ENTERPRISE + ":department eq \" sales\"", List.of());
        table.put("externalId pr", List.of("alice", "bob"));
        table.put(ENTERPRISE + ":department eq \"sales\"", List.of("alice"));
        table.put(ENTERPRISE + ":manager.value eq \"m-1\"", List.of("alice"));
        table.put(ENTERPRISE + ":manager pr", List.of("alice"));
        table.put("phoneNumbers[type eq \"work\" and value eq \"555-0100\"]", List.of("alice"));
        // Entra ID's form: a sub-attribute of the filtered values compared after the bracket, read as one value filter
        table.put("emails[type eq \"work\"].value eq \"alice@example.com\"", List.of("alice"));
        table.put("emails[type eq \"home\"].value eq \"alice@example.com\"", List.of());
        table.put("emails[TYPE eq \"work\"].VALUE eq \"DAVE2@example.com\"", List.of("dave"));
        table.put("emails[type eq \"work\"].value pr", List.of("alice", "bob", "dave"));
        table.put(
                "emails[type eq \"work\"].value ew \"example.com\" and not (emails[type eq \"home\"].value pr)",
                List.of("bob", "dave"));
        table.put("phoneNumbers[type eq \"work\"].value eq \"555-0100\"", List.of("alice"));
        table.put("userName eq \"emails[type eq \\\"work\\\"].value eq x\"", List.of());
        table.put("meta.created gt \"2000-01-01T00:00:00Z\"", List.of("alice", "bob", "carol", "dave"));
        table.put("meta.lastModified lt \"2000-01-01T00:00:00Z\"", List.of());
        table.put("groups.value eq \"" + ids.get("Sales") + "\"", List.of("alice", "bob"));
        table.put("groups eq \"" + ids.get("Engineering") + "\"", List.of("bob"));
        table.put("groups[display eq \"engineering\"]", List.of("bob"));
        table.put("groups pr", List.of("alice", "bob"));
        table.put("groups.value ne \"" + ids.get("Sales") + "\"", List.of("bob"));
        table.put("id eq \"" + ids.get("alice") + "\"", List.of("alice"));
        table.put("title eq null", List.of("carol"));
        assertTable("/Users", table);
    }

    @Test
    void findsWhatEachGroupFilterSays() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("displayName eq \"sales\"", List.of("Sales"));
        table.put("displayName eq \"Sales \"", List.of("Sales"));
        table.put("externalId eq \" okta-sales\"", List.of("Sales"));
        table.put("displayName sw \"Eng\"", List.of("Engineering"));
        table.put("displayName ne \"Sales\"", List.of("Engineering", "Empty"));
        table.put("members.value eq \"" + ids.get("bob") + "\"", List.of("Sales", "Engineering"));
        table.put("members eq \"" + ids.get("alice") + "\"", List.of("Sales"));
        table.put("members[value eq \"" + ids.get("alice") + "\"]", List.of("Sales"));
        table.put("members.display co \"brown\"", List.of("Sales", "Engineering"));
        table.put("members.display eq \"BOB BROWN\"", List.of("Sales", "Engineering"));
        table.put("members[display sw \"bob b\"]", List.of("Sales", "Engineering"));
        table.put("not (members pr)", List.of("Empty"));
        table.put("members.value ne \"" + ids.get("alice") + "\"", List.of("Sales", "Engineering"));
        table.put("members ne \"" + ids.get("bob") + "\"", List.of("Sales"));
        table.put("externalId eq \"okta-sales\"", List.of("Sales"));
        table.put("externalId pr or displayName eq \"Empty\"", List.of("Sales", "Empty"));
        table.put("id eq \"" + ids.get("Engineering") + "\"", List.of("Engineering"));
        assertTable("/Groups", table);
    }

    private void assertTable(String endpoint, Map<String, List<String>> table) {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            var response = get(endpoint + "?count=50&filter=" + filter(row.getKey()));
            softly.assertThat(response.status())
                    .as(row.getKey() + " -> " + response)
                    .isEqualTo(200);
            if (response.status() != 200) {
                continue;
            }
            Set<String> found = new TreeSet<>();
            response.json()
                    .get("Resources")
                    .forEach(resource -> found.add(name(resource.get("id").asText())));
            softly.assertThat(found).as(row.getKey()).isEqualTo(new TreeSet<>(row.getValue()));
            softly.assertThat(response.json().get("totalResults").asInt())
                    .as(row.getKey() + " totalResults")
                    .isEqualTo(row.getValue().size());
        }
        softly.assertAll();
    }

    @Test
    void aGroupFilterOnItsMembersNamesLowerCasesEveryLetterNotOnlyAscii() {
        // on PostgreSQL the names are COLLATE "C", under which LOWER('Émile') is 'Émile'
        String emile = createUser(user("emile@example.com", "Émile", "Zola", "Émile Zola"))
                .get("id")
                .asText();
        String writers = createGroup("Écrivains", emile).get("id").asText();
        for (String filter : List.of(
                "members.display eq \"ÉMILE ZOLA\"", "members.display co \"émile\"", "members[display sw \"ÉMI\"]")) {
            var found = get("/Groups?filter=" + filter(filter));
            assertThat(found.status()).as(filter + " -> " + found).isEqualTo(200);
            assertThat(found.json().get("Resources").findValuesAsText("id"))
                    .as(filter)
                    .containsExactly(writers);
        }
    }

    @Test
    void userNamesAndGroupNamesThatDifferOnlyInGreeksSmallSigmasAreOneInAnyCase() {
        // lower-casing alone keeps "ς" (the final form) apart from "σ"; capital "Σ" lower-cases to either
        String odysseus = createUser(user("Οδυσσέας@example.gr", "Οδυσσέας", "Παπαδόπουλος", null))
                .get("id")
                .asText();
        long events = eventCount();
        var taken = post("/Users", user("ΟΔΥΣΣΈΑΣ@example.gr", "Other", "Person", null));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.json().get("scimType").asText()).isEqualTo("uniqueness");
        var alsoTaken = post("/Users", user("οδυσσέασ@example.gr", "Other", "Person", null));
        assertThat(alsoTaken.status()).as(alsoTaken.toString()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(events);
        for (String filter : List.of(
                "userName eq \"ΟΔΥΣΣΈΑΣ@EXAMPLE.GR\"",
                "userName eq \"οδυσσέασ@example.gr\"",
                "userName sw \"ΟΔΥΣΣΈΑΣ\"",
                "name.familyName eq \"ΠΑΠΑΔΌΠΟΥΛΟΣ\"",
                "emails[value eq \"οδυσσέασ@example.gr\"]")) {
            var found = get("/Users?filter=" + filter(filter));
            assertThat(found.status()).as(filter + " -> " + found).isEqualTo(200);
            assertThat(found.json().get("Resources").findValuesAsText("id"))
                    .as(filter)
                    .containsExactly(odysseus);
        }
        String team = createGroup("Ομάδες", odysseus).get("id").asText();
        // a member's name as the database lower-cases it (on PostgreSQL by its locale: a capital sigma as either)
        for (String filter : List.of(
                "members.display eq \"ΟΔΥΣΣΈΑΣ ΠΑΠΑΔΌΠΟΥΛΟΣ\"",
                "members.display eq \"οδυσσέασ παπαδόπουλοσ\"",
                "members.display eq \"Οδυσσέας Παπαδόπουλος\"",
                "members[display sw \"ΟΔΥΣΣΈΑΣ Π\"]",
                "members.display co \"έασ παπ\"")) {
            var withMember = get("/Groups?filter=" + filter(filter));
            assertThat(withMember.status()).as(filter + " -> " + withMember).isEqualTo(200);
            assertThat(withMember.json().get("Resources").findValuesAsText("id"))
                    .as(filter)
                    .containsExactly(team);
        }
        var teamTaken = post(
                "/Groups",
                JSON.createObjectNode()
                        .put("displayName", "ΟΜΆΔΕΣ")
                        .set("schemas", JSON.createArrayNode().add(GROUP_SCHEMA)));
        assertThat(teamTaken.status()).as(teamTaken.toString()).isEqualTo(409);
        var found = get("/Groups?filter=" + filter("displayName eq \"ομάδεσ\""));
        assertThat(found.json().get("Resources").findValuesAsText("id")).containsExactly(team);
    }

    @Test
    void aUserNameOrGroupNameKeptBesideAnothersBySchema19IsTakenByNoNewOneAndRenamedIntoNoneOfItsCases() {
        String n = Long.toString(System.nanoTime());
        String finalSigma = "ος" + n + "@example.gr";
        String sigma = "οσ" + n + "@example.gr";
        // both stored before keys were case-folded, when the final sigma's key was itself: schema 19 kept it
        String kept =
                createUser(user(finalSigma, "Kept", "Former", null)).get("id").asText();
        jdbc.update("UPDATE cs_member SET user_name_key = ? WHERE member_id = ?", finalSigma, kept);
        String holder = createUser(user(sigma, "Holds", "Key", null)).get("id").asText();
        String keptTeam = createGroup("Ομάδας " + n).get("id").asText();
        jdbc.update("UPDATE cs_team SET name_key = ? WHERE team_id = ?", "ομάδας " + n, keptTeam);
        String holderTeam = createGroup("Ομάδασ " + n).get("id").asText();
        recordKeptKeys(); // as schema 20 does

        long events = eventCount();
        for (String taken : List.of(sigma, "Ος" + n + "@example.gr", "ΟΣ" + n + "@EXAMPLE.GR")) {
            var renamed = patch("/Users/" + kept, patchOp(op("replace", "userName", taken)));
            assertThat(renamed.status()).as(taken + " -> " + renamed).isEqualTo(409);
            assertThat(renamed.json().get("scimType").asText()).isEqualTo("uniqueness");
        }
        for (String taken : List.of("Ομάδασ " + n, "ΟΜΆΔΑΣ " + n)) {
            var renamed = patch("/Groups/" + keptTeam, patchOp(op("replace", "displayName", taken)));
            assertThat(renamed.status()).as(taken + " -> " + renamed).isEqualTo(409);
        }
        assertThat(eventCount()).as("nothing changed").isEqualTo(events);
        var otherChange = patch("/Users/" + kept, patchOp(op("replace", "name.givenName", "Still")));
        assertThat(otherChange.status())
                .as("its own userName stays: " + otherChange)
                .isEqualTo(200);

        // the member and team holding the key deleted: the kept ones hold it now
        assertThat(scim.delete("/Users/" + holder).status()).isEqualTo(204);
        assertThat(scim.delete("/Groups/" + holderTeam).status()).isEqualTo(204);
        var again = post("/Users", user(sigma, "New", "Person", null));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        var teamAgain = post(
                "/Groups",
                JSON.createObjectNode()
                        .put("displayName", "ΟΜΆΔΑΣ " + n)
                        .set("schemas", JSON.createArrayNode().add(GROUP_SCHEMA)));
        assertThat(teamAgain.status()).as(teamAgain.toString()).isEqualTo(409);
        // and may change their case: their key is written case-folded then
        var upper = patch("/Users/" + kept, patchOp(op("replace", "userName", "ΟΣ" + n + "@example.gr")));
        assertThat(upper.status()).as(upper.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT user_name_key FROM cs_member WHERE member_id = ?", String.class, kept))
                .isEqualTo(sigma);
        assertThat(post("/Users", user(finalSigma, "New", "Person", null)).status())
                .isEqualTo(409);
    }

    private void recordKeptKeys() {
        try (var connection = jdbc.getDataSource().getConnection()) {
            com.controlpanel.provisioning.storage.CaseKeys.recordKept(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesFiltersItCanNotEvaluateWith400InvalidFilter() {
        long events = eventCount();
        for (String filter : List.of(
                "userName eq",
                "userName xx \"a\"",
                "userName eq \"a\" and",
                "emails[type eq \"work\"",
                "emails[type eq \"work\"].value",
                "emails[type eq \"work\"].value eq ",
                "emails[type eq \"work\"].value xx \"a\"",
                "foo eq \"bar\"",
                "name.nickName eq \"x\"",
                "active gt true",
                "active eq \"maybe\"",
                "meta.created co \"2020\"",
                "meta.created gt \"yesterday\"",
                "meta.location eq \"x\"",
                "name eq \"x\"",
                "password eq \"x\"",
                "emails[type eq \"work\" and emails[value eq \"x\"]]",
                "groups.$ref eq \"x\"",
                "userName gt 5",
                "meta.lastModified gt \"+999999999-01-01T00:00:00Z\"",
                "externalId eq true",
                "emails[value eq 12]",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize eq \"9\"")) {
            assertError(get("/Users?filter=" + filter(filter)), 400, "invalidFilter");
        }
        for (String filter : List.of("title eq \"x\"", "members.$ref eq \"x\"", "members[foo eq \"x\"]")) {
            assertError(get("/Groups?filter=" + filter(filter)), 400, "invalidFilter");
        }
        assertError(post("/Users/.search", Map.of("filter", "userName eq")), 400, "invalidFilter");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void takesAHundredComparisonsInAFilterAndRefusesMore() {
        // one User by userName among many that find nobody, as a client batching its lookups might send
        List<String> hundred = new java.util.ArrayList<>();
        hundred.add("userName eq \"bob@example.com\"");
        for (int i = 1; i < 100; i++) {
            hundred.add(
                    i % 2 == 0
                            ? "emails[value eq \"nobody" + i + "@example.com\"]"
                            : "externalId eq \"nobody-" + i + "\"");
        }
        var found = post("/Users/.search", Map.of("filter", String.join(" or ", hundred)));
        assertThat(found.json().get("totalResults").asInt())
                .as(found.toString())
                .isEqualTo(1);

        // each comparison is a condition of the database's query: thousands held a connection for minutes
        List<String> more = new java.util.ArrayList<>(hundred);
        more.add("title eq \"x\"");
        var refused = post("/Users/.search", Map.of("filter", String.join(" or ", more)));
        assertError(refused, 400, "invalidFilter");
        assertThat(refused.json().get("detail").asText())
                .contains("more than the 100 comparisons")
                .hasSizeLessThan(400);
        assertError(
                post("/Users/.search", Map.of("filter", String.join(" or ", more) + " or (")), 400, "invalidFilter");
        assertThat(post("/Users/.search", Map.of("filter", String.join(" or ", more) + " or ("))
                        .json()
                        .get("detail")
                        .asText())
                .as("an error quotes the start of a long filter only")
                .hasSizeLessThan(400);
    }

    @Test
    void readsItsQueryParametersWhateverTheCaseOfTheirNames() {
        // ignored, "Filter" would answer with every User, the first of which a client may take for the one it asked for
        var bob = get("/Users?Filter=" + filter("userName eq \"bob@example.com\""));
        assertThat(bob.json().get("totalResults").asInt()).as(bob.toString()).isEqualTo(1);
        assertThat(bob.json().get("Resources").get(0).get("id").asText()).isEqualTo(ids.get("bob"));

        assertThat(order("/Users?SORTBY=userName&sortorder=descending&StartIndex=2&COUNT=2"))
                .containsExactly("carol", "bob");
        JsonNode onlyUserName =
                get("/Users/" + ids.get("alice") + "?Attributes=userName").json();
        assertThat(fieldNames(onlyUserName)).containsExactly("schemas", "id", "userName");
        assertThat(get("/Groups?ExcludedAttributes=members").json().findValues("members"))
                .isEmpty();

        // the same parameter in two cases is the same parameter twice
        assertError(
                get("/Users?filter=" + filter("userName eq \"alice@example.com\"") + "&FILTER="
                        + filter("userName eq \"bob@example.com\"")),
                400,
                "invalidFilter");
        assertError(get("/Users?count=1&Count=2"), 400, "invalidValue");
        assertError(get("/Schemas?Filter=" + filter("id eq \"x\"")), 403, null);
    }

    @Test
    void refusesAnEmptyFilterRatherThanListingEverything() {
        assertError(get("/Users?filter="), 400, "invalidFilter");
        assertError(get("/Users?filter=%20%20"), 400, "invalidFilter");
        assertError(get("/Groups?filter="), 400, "invalidFilter");
        assertError(post("/Users/.search", Map.of("filter", "")), 400, "invalidFilter");
        // leaving it out lists every User
        assertThat(get("/Users").json().get("totalResults").asInt()).isEqualTo(4);
    }

    @Test
    void sortsByTheAttributeAskedForWithoutDataLast() {
        assertThat(order("/Users?sortBy=userName")).containsExactly("alice", "bob", "carol", "dave");
        assertThat(order("/Users?sortBy=userName&sortOrder=descending"))
                .containsExactly("dave", "carol", "bob", "alice");
        assertThat(order("/Users?sortBy=name.familyName&sortOrder=descending"))
                .containsExactly("dave", "carol", "bob", "alice");
        assertThat(order("/Users?sortBy=displayName")).containsExactly("alice", "bob", "dave", "carol");
        // alice and dave share a title: between them the order is by id, but carol, without one, is last.
        assertThat(order("/Users?sortBy=title")).startsWith("bob").endsWith("carol");
        assertThat(order("/Users?sortBy=emails")).containsExactly("alice", "bob", "carol", "dave");
        assertThat(order("/Users?sortBy=meta.created")).containsExactly("alice", "bob", "carol", "dave");
        assertThat(order("/Groups?sortBy=displayName")).containsExactly("Empty", "Engineering", "Sales");
        assertError(get("/Users?sortBy=groups"), 400, "invalidValue");
        assertError(get("/Users?sortBy=shoeSize"), 400, "invalidValue");
        assertError(get("/Users?sortBy=userName&sortOrder=sideways"), 400, "invalidValue");
        assertError(get("/Groups?sortBy=members"), 400, "invalidValue");
        // a User without emails has no value to sort by, whatever its userName (which would sort it first)
        ObjectNode aaron = JSON.createObjectNode();
        aaron.putArray("schemas").add(USER_SCHEMA);
        aaron.put("userName", "aaron@example.com");
        ids.put("aaron", createUser(aaron).get("id").asText());
        assertThat(order("/Users?sortBy=emails")).containsExactly("alice", "bob", "carol", "dave", "aaron");
        assertThat(order("/Users?sortBy=emails.value&sortOrder=descending"))
                .containsExactly("aaron", "dave", "carol", "bob", "alice");
        assertThat(order("/Users?sortBy=emails&startIndex=4&count=2")).containsExactly("dave", "aaron");
    }

    @Test
    void returnsOnlyTheAttributesAskedFor() {
        JsonNode onlyUserName =
                get("/Users/" + ids.get("alice") + "?attributes=userName").json();
        assertThat(fieldNames(onlyUserName)).containsExactly("schemas", "id", "userName");

        JsonNode subAttributes = get("/Users/" + ids.get("alice") + "?attributes=name.givenName,emails.value")
                .json();
        assertThat(fieldNames(subAttributes)).containsExactly("schemas", "id", "name", "emails");
        assertThat(fieldNames(subAttributes.get("name"))).containsExactly("givenName");
        assertThat(fieldNames(subAttributes.get("emails").get(1))).containsExactly("value");

        JsonNode extension = get("/Users/" + ids.get("alice") + "?attributes=" + ENTERPRISE + ":department")
                .json();
        assertThat(extension.get(ENTERPRISE).toString()).isEqualTo("{\"department\":\"Sales\"}");
        assertThat(extension.get("schemas").toString()).contains(ENTERPRISE);
        // schemas lists an extension only when its attributes are returned
        assertThat(onlyUserName.get("schemas").toString()).doesNotContain(ENTERPRISE);
        // the core schema's URN names every core attribute (RFC 7644 §3.10), not one called so
        JsonNode core =
                get("/Users/" + ids.get("alice") + "?attributes=" + USER_SCHEMA).json();
        JsonNode whole = get("/Users/" + ids.get("alice")).json();
        assertThat(core.get("userName")).isEqualTo(whole.get("userName"));
        assertThat(core.get("emails")).isEqualTo(whole.get("emails"));
        assertThat(core.get("groups")).isEqualTo(whole.get("groups"));
        assertThat(core.has(ENTERPRISE)).isFalse();
        JsonNode coreAndDepartment = get("/Users/" + ids.get("alice") + "?attributes=" + USER_SCHEMA.toUpperCase() + ","
                        + ENTERPRISE + ":department")
                .json();
        assertThat(coreAndDepartment.get("name")).isEqualTo(whole.get("name"));
        assertThat(coreAndDepartment.get(ENTERPRISE).toString()).isEqualTo("{\"department\":\"Sales\"}");
        JsonNode withoutCore = get("/Users/" + ids.get("alice") + "?excludedAttributes=" + USER_SCHEMA)
                .json();
        assertThat(fieldNames(withoutCore)).containsExactly("schemas", "id", ENTERPRISE);
        JsonNode withoutExtension = get("/Users/" + ids.get("alice") + "?excludedAttributes=" + ENTERPRISE)
                .json();
        assertThat(withoutExtension.has(ENTERPRISE)).isFalse();
        assertThat(withoutExtension.get("schemas").toString()).doesNotContain(ENTERPRISE);
        assertThat(get("/Users/" + ids.get("alice")).json().get("schemas").toString())
                .contains(ENTERPRISE);

        // an attribute left with none of its parts is not returned, nor is an email with none asked for
        String everyPartOfTheName = fieldNames(whole.get("name")).stream()
                .map(part -> "name." + part)
                .collect(java.util.stream.Collectors.joining(","));
        JsonNode nameless = get("/Users/" + ids.get("alice") + "?excludedAttributes=" + everyPartOfTheName)
                .json();
        assertThat(nameless.has("name")).as(nameless.toString()).isFalse();
        assertThat(nameless.get("userName").asText()).isEqualTo("alice@example.com");
        JsonNode noEnterprise = get("/Users/" + ids.get("alice") + "?excludedAttributes=" + ENTERPRISE + ":department,"
                        + ENTERPRISE + ":manager")
                .json();
        assertThat(noEnterprise.has(ENTERPRISE)).as(noEnterprise.toString()).isFalse();
        assertThat(noEnterprise.get("schemas").toString()).doesNotContain(ENTERPRISE);
        JsonNode managerValue = get("/Users/" + ids.get("alice") + "?excludedAttributes=" + ENTERPRISE
                        + ":manager.value")
                .json();
        assertThat(managerValue.get(ENTERPRISE).toString()).isEqualTo("{\"department\":\"Sales\"}");
        JsonNode phonesOnly = get("/Users/" + ids.get("alice") + "?attributes=phoneNumbers.value,emails.display")
                .json();
        assertThat(fieldNames(phonesOnly)).containsExactly("schemas", "id", "phoneNumbers");
        assertThat(phonesOnly.get("phoneNumbers").toString()).isEqualTo("[{\"value\":\"555-0100\"}]");
        JsonNode groupless =
                get("/Users/" + ids.get("carol") + "?excludedAttributes=name").json();
        assertThat(groupless.get("groups").toString())
                .as("an attribute empty in the resource itself stays")
                .isEqualTo("[]");

        JsonNode excluded = get("/Users?filter=" + filter("userName eq \"alice@example.com\"")
                        + "&excludedAttributes=emails,groups,id")
                .json()
                .get("Resources")
                .get(0);
        assertThat(excluded.has("emails")).isFalse();
        assertThat(excluded.has("groups")).isFalse();
        assertThat(excluded.has("id")).isTrue();
        assertThat(excluded.get("userName").asText()).isEqualTo("alice@example.com");

        JsonNode withGroups = get("/Users/" + ids.get("bob")).json();
        assertThat(withGroups.get("groups").findValuesAsText("display")).containsExactly("Engineering", "Sales");
        assertThat(withGroups.get("groups").get(0).get("$ref").asText())
                .isEqualTo(tenantUrl + "/Groups/" + ids.get("Engineering"));
    }

    @Test
    void searchesWithPostDotSearch() {
        var users = post(
                "/Users/.search",
                Map.of(
                        "schemas",
                        List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                        "filter",
                        "title eq \"Tour Guide\"",
                        "sortBy",
                        "userName",
                        "sortOrder",
                        "descending",
                        "attributes",
                        List.of("userName"),
                        "startIndex",
                        1,
                        "count",
                        1));
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        assertThat(users.json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(users.json().get("itemsPerPage").asInt()).isEqualTo(1);
        JsonNode first = users.json().get("Resources").get(0);
        assertThat(first.get("userName").asText()).isEqualTo("Dave@Example.com");
        assertThat(first.has("emails")).isFalse();

        var groups = post("/Groups/.search", Map.of("filter", "displayName sw \"S\""));
        assertThat(groups.json().get("Resources").get(0).get("id").asText()).isEqualTo(ids.get("Sales"));
    }

    @Test
    void aSearchReadsItsAttributesInAnyCaseAndRefusesWhatWouldListEveryone() {
        // RFC 7643 §2.1: attribute names are case-insensitive
        var found = post("/Users/.search", Map.of("Filter", "title eq \"Tour Guide\"", "COUNT", 1));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(found.json().get("itemsPerPage").asInt()).isEqualTo(1);

        // a misspelt attribute, or the filter in the query string, would otherwise answer with every User
        var misspelt = post("/Users/.search", Map.of("filtr", "userName sw \"b\""));
        assertError(misspelt, 400, "invalidSyntax");
        assertThat(misspelt.json().get("detail").asText()).contains("'filtr' is not an attribute of a search request");
        var inQuery = post("/Users/.search?filter=" + filter("userName sw \"b\""), Map.of());
        assertError(inQuery, 400, "invalidValue");
        assertThat(inQuery.json().get("detail").asText()).contains("reads 'filter' from its body");
        assertError(post("/Groups/.search?Count=1", Map.of()), 400, "invalidValue");
        assertError(
                post("/Users/.search", Map.of("filter", "userName pr", "FILTER", "userName sw \"b\"")),
                400,
                "invalidSyntax");
    }

    private List<String> order(String path) {
        List<String> names = new ArrayList<>();
        var response = get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        response.json()
                .get("Resources")
                .forEach(resource -> names.add(name(resource.get("id").asText())));
        return names;
    }

    private String name(String id) {
        return ids.entrySet().stream()
                .filter(entry -> entry.getValue().equals(id))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(id);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
