package com.controlpanel.provisioning.rest;

import static com.controlpanel.provisioning.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JSON API's edges over real HTTP: what a script gets for a request no route takes as it is sent, and the checks
 * that keep a refused request from changing anything.
 */
@ApplicationTest
class ApiEdgesTest {

    @LocalServerPort
    int port;

    @Autowired
    TenantCredentials credentials;

    @Autowired
    JdbcTemplate jdbc;

    private Http api;
    private String org;

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        org = Fixtures.createOrganization(api, "Edges");
    }

    private String path(String rest) {
        return "/api/orgs/" + org + rest;
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        // which request it answers, wherever it was refused (a filter, the security chain, a controller)
        assertThat(response.json().path("instance").asText())
                .as(response.toString())
                .startsWith("/api");
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void aWriteWhoseAnswerTheClientWouldNotTakeIsRefusedBeforeItRuns() {
        String token = api.post(path("/provisioning/enable"), null)
                .json()
                .get("secretToken")
                .asText();
        String tenant = api.get(path("/provisioning")).json().get("tenantUrl").asText();
        tenant = tenant.substring(tenant.lastIndexOf('/') + 1);
        long events = eventCount();
        Http xml = api.header("Accept", "application/xml");

        assertProblem(xml.post(path("/teams"), Map.of("name", "Never made")), 406, "not-acceptable");
        var credentialsRefused = xml.post(path("/provisioning/credentials"), null);
        assertProblem(credentialsRefused, 406, "not-acceptable");
        assertThat(credentialsRefused.json().get("detail").asText()).contains("application/xml");
        assertProblem(xml.get("/api/orgs"), 406, "not-acceptable");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(credentials.verify(tenant, token)).isPresent();
        assertThat(api.get(path("/teams?q=Never")).json().get("total").asInt()).isZero();
        // what a browser or a lenient client sends still gets JSON; the export chooses its own type
        assertThat(api.header("Accept", "text/html, application/json;q=0.9")
                        .get("/api/orgs")
                        .status())
                .isEqualTo(200);
        assertThat(api.header("Accept", "*/*").get("/api/orgs").status()).isEqualTo(200);
        assertThat(api.header("Accept", "text/csv")
                        .get(path("/activity/export"))
                        .status())
                .isEqualTo(200);
        // the export answers the type its format names: an Accept that takes neither it nor any is refused too
        var csvRefused = xml.get(path("/activity/export?format=csv"));
        assertProblem(csvRefused, 406, "not-acceptable");
        assertThat(csvRefused.json().get("detail").asText())
                .isEqualTo("This export (format=csv) answers text/csv, which the request's Accept header"
                        + " (application/xml) does not take: accept text/csv, or leave Accept out");
        assertProblem(
                api.header("Accept", "text/csv").get(path("/activity/export?format=json")), 406, "not-acceptable");
        assertThat(api.header("Accept", "application/json")
                        .get(path("/activity/export?format=json"))
                        .status())
                .isEqualTo(200);
        assertThat(api.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .get(path("/activity/export"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRouteAnsweringAnotherTypeThanJsonSaysWhichWhenAcceptTakesItNot() throws Exception {
        for (String accept : List.of("application/json", "text/html")) {
            var refused = api.header("Accept", accept).get(path("/activity/stream"));
            assertProblem(refused, 406, "not-acceptable");
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo(path("/activity/stream") + " answers text/event-stream, which the request's Accept"
                            + " header (" + accept + ") does not take: accept text/event-stream, or leave Accept out");
        }
        // a quality of 0 says "not this type" (it was streamed): the status read before any body, which a stream would
        // never end
        assertProblem(
                api.header("Accept", "text/event-stream;q=0").getUnlessStreamed(path("/activity/stream")),
                406,
                "not-acceptable");
        // a header that is no list of media types is a bad request, said as problem details (it was an empty 406)
        for (String accept : List.of("garbage;;;", "text", "application/")) {
            var malformed = api.header("Accept", accept).get(path("/activity/stream"));
            assertProblem(malformed, 400, "invalid-request");
            assertThat(malformed.json().get("detail").asText())
                    .isEqualTo("The Accept header is not a list of media types: send text/event-stream, or leave"
                            + " Accept out");
        }
        // no route there: not found, whatever the Accept
        assertProblem(api.header("Accept", "text/html").get("/api/no-such-route"), 404, "not-found");
    }

    @Test
    void aChangeSentByAnotherSitesPageIsRefusedEvenWithTheAdminsCredentials() {
        assertThat(api.post(path("/provisioning/enable"), null).status()).isEqualTo(200);
        long before = eventCount();
        // what a browser adds to a form another site posts, sending the Basic credentials it remembers
        for (Http crossSite : List.of(
                api.header("Origin", "https://evil.example"),
                api.header("Origin", "null"),
                api.header("Origin", "http://localhost:" + port + ".evil.example"),
                api.header("Sec-Fetch-Site", "cross-site"),
                api.header("Sec-Fetch-Site", "same-site").header("Origin", "http://localhost:" + port))) {
            for (String change : List.of("/provisioning/disable", "/provisioning/credentials")) {
                assertProblem(crossSite.post(path(change), null), 403, "cross-site-request");
            }
            assertProblem(crossSite.delete(path("/admins/" + UUID.randomUUID())), 403, "cross-site-request");
            // reading is harmless: another site's page can not see the answer
            assertThat(crossSite.get(path("/provisioning")).status()).isEqualTo(200);
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api.get(path("/provisioning")).json().get("enabled").asBoolean())
                .isTrue();
        // the refusal names what told the site: the browser's word first, else the Origin
        assertThat(api.header("Sec-Fetch-Site", "cross-site")
                        .post(path("/provisioning/disable"), null)
                        .json()
                        .get("detail")
                        .asText())
                .contains("(Sec-Fetch-Site: cross-site)");
        assertThat(api.header("Origin", "https://evil.example")
                        .post(path("/provisioning/disable"), null)
                        .json()
                        .get("detail")
                        .asText())
                .contains("(Origin https://evil.example)");

        // the browser's own word that the page is of this service counts, whatever a proxy made of the Host
        assertThat(api.header("Sec-Fetch-Site", "same-origin")
                        .header("Origin", "https://provisioning.example.com")
                        .post(path("/provisioning/credentials"), null)
                        .status())
                .isEqualTo(200);
        // the service's own pages, and scripts (no Origin at all), may
        Http sameOrigin = api.header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.post(path("/provisioning/credentials"), null).status())
                .isEqualTo(200);
        assertThat(api.post(path("/provisioning/disable"), null).status()).isEqualTo(200);
    }

    @Test
    void anAddressWithRepeatedSlashesIsTheOneWithSingleSlashes() {
        assertThat(api.get("/api//orgs/" + org + "//members").status()).isEqualTo(200);
        var invited = api.post("/api/orgs/" + org + "//members", Map.of("email", Fixtures.uniqueEmail("slashes")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        // still the organizations this admin may see, still checked
        assertProblem(
                Http.to("http://localhost:" + port).get("/api//orgs/" + org + "/members"), 401, "unauthenticated");
    }

    @Test
    void aParameterThatIsNotANumberIsABadValueNamingWhatItTakes() {
        for (String query : List.of(
                "/activity?limit=abc",
                "/members?offset=1.5",
                "/teams?limit=ten",
                // what Java or Spring would also read as a number, and no one writes as a page size
                "/members?limit=0x10",
                "/members?limit=%2310",
                "/activity?limit=%E0%A5%A8",
                "/members?offset=%2B5",
                "/members?limit=%205",
                "/teams?offset=-")) {
            var refused = api.get(path(query));
            assertProblem(refused, 400, "invalid-value");
            String name = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Parameter '" + name + "' must be a whole number");
        }
        // digits past what the parameter holds: the range it takes, a page size's being the call's own
        assertThat(api.get(path("/members?offset=99999999999"))
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("Parameter 'offset' must be a whole number from 0 to " + Integer.MAX_VALUE);
        for (String query : List.of("/members?limit=99999999999", "/members?limit=99999999999999999999")) {
            var refused = api.get(path(query));
            assertProblem(refused, 400, "invalid-value");
            assertThat(refused.json().get("detail").asText()).isEqualTo("Parameter 'limit' must be between 0 and 500");
        }
        assertThat(api.get(path("/activity?limit=2147483648"))
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("Parameter 'limit' must be between 1 and 500");
    }

    @Test
    void aYesOrNoParameterIsTrueOrFalseAndNothingElse() {
        // what Spring alone would read as true: refused, so no rebuild into fresh tables starts on "yes"
        for (String value : List.of("yes", "on", "1", "0", "no", "off", "abc", "tru")) {
            var refused = api.post("/api/admin/rebuild?fresh=" + value, null);
            assertProblem(refused, 400, "invalid-value");
            assertThat(refused.json().get("detail").asText()).isEqualTo("Parameter 'fresh' must be true or false");
        }
    }

    @Test
    void aParameterGivenEmptyIsRefusedNamingItRatherThanReadAsNotGiven() {
        for (String query : List.of(
                "/activity/export?format=csv&subject=",
                "/activity?action=",
                "/activity?action=member.updated&action=",
                "/activity?actorKind=",
                "/activity?from=",
                "/activity?limit=",
                "/activity?cursor=",
                "/members?q=",
                "/members?status=%20",
                "/state?at=2026-01-01T00:00:00Z&through=")) {
            var refused = api.get(path(query));
            assertProblem(refused, 400, "invalid-value");
            assertThat(refused.json().get("detail").asText()).as(query).contains("is empty");
        }
        var fresh = api.post("/api/admin/rebuild?fresh=", null);
        assertProblem(fresh, 400, "invalid-value");
        assertThat(api.get(path("/activity?action=member.updated")).status()).isEqualTo(200);
    }

    @Test
    void aParameterThatTakesOneValueGivenTwiceIsRefusedNamingIt() {
        String subject = UUID.randomUUID().toString();
        for (String query : List.of(
                "/activity?subject=" + subject + "&subject=" + UUID.randomUUID(),
                "/activity?actor=system&actor=" + UUID.randomUUID(),
                "/activity?limit=1&limit=2",
                "/activity?from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z",
                "/activity/export?format=csv&format=json",
                "/members?q=ann&q=bob")) {
            var refused = api.get(path(query));
            assertProblem(refused, 400, "invalid-value");
            String name = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Parameter '" + name + "' is given 2 times: it takes one value");
        }
        // a parameter that takes several may repeat
        assertThat(api.get(path("/activity?action=member.invited&action=team.created"))
                        .status())
                .isEqualTo(200);
        assertThat(api.get(path("/activity?subject=" + subject)).status()).isEqualTo(200);
    }

    @Test
    void aParameterTheCallDoesNotTakeIsRefusedNamingItAndTheOnesItTakes() {
        api.post(path("/members"), Map.of("email", uniqueEmail("kept")));
        long events = eventCount();

        var misspelt = api.get(path("/members?staus=deactivated"));
        assertProblem(misspelt, 400, "invalid-value");
        assertThat(misspelt.json().get("detail").asText())
                .isEqualTo("Parameter 'staus' is not one this call takes"
                        + " (it takes: q, source, status, team, sort, order, offset, limit)");
        // names are read as written: another letter case is another name, refused rather than dropped
        var otherCase = api.get(path("/activity?actorkind=admin"));
        assertProblem(otherCase, 400, "invalid-value");
        assertThat(otherCase.json().get("detail").asText()).startsWith("Parameter 'actorkind' is not one");
        // an export asked with a filter it would drop would be the whole timeline under the filter's name
        assertProblem(api.get(path("/activity/export?format=csv&subjct=" + UUID.randomUUID())), 400, "invalid-value");
        var none = api.get(path("/provisioning?verbose=true"));
        assertProblem(none, 400, "invalid-value");
        assertThat(none.json().get("detail").asText())
                .isEqualTo("Parameter 'verbose' is not one this call takes (it takes none)");
        // a write is refused before it runs
        assertProblem(api.post(path("/teams?notify=true"), Map.of("name", "Never made")), 400, "invalid-value");
        assertProblem(api.post(path("/provisioning/enable?force=true"), null), 400, "invalid-value");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.get(path("/teams?q=Never")).json().get("total").asInt()).isZero();

        // the parameters each call takes still pass (an empty one is refused for itself)
        assertThat(api.get(path("/members?status=active&q=ada&limit=5")).status())
                .isEqualTo(200);
        assertThat(api.get(path("/activity?actorKind=admin&limit=5")).status()).isEqualTo(200);
    }

    @Test
    void aMethodNoServerKnowsIs501() {
        assertProblem(api.sendRaw("PROPFIND", path("/members")), 501, "method-not-implemented");
        // TRACE too, in the API's format (not the container's empty answer), and never echoing the request
        var trace = api.sendRaw("TRACE", path("/members"));
        assertProblem(trace, 501, "method-not-implemented");
        assertThat(trace.text()).doesNotContain("Authorization");
        assertProblem(Http.to("http://localhost:" + port).sendRaw("TRACE", "/api/orgs"), 501, "method-not-implemented");
    }

    @Test
    void routesThatDoNotExistOrDoNotTakeTheMethodAreProblemDetails() {
        var unknown = api.get("/api/no-such-thing");
        assertProblem(unknown, 404, "not-found");
        assertThat(unknown.json().get("detail").asText()).contains("/api/no-such-thing");
        assertProblem(api.get(path("/activity/not-a-position")), 404, "not-found");

        var wrongMethod = api.put(path("/members"), Map.of());
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET").contains("POST").doesNotContain("PUT");
        // OPTIONS lists what the route at the path takes; at no route it is 404 (it listed every method)
        assertProblem(api.send("OPTIONS", "/api/no-such-route", null, null), 404, "not-found");
        var options = api.send("OPTIONS", path("/members"), null, null);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).contains("GET", "POST").doesNotContain("PUT", "PATCH", "DELETE");
        var notGettable = api.get(path("/provisioning/enable"));
        assertProblem(notGettable, 405, "method-not-allowed");
        assertThat(notGettable.header("Allow")).contains("POST").doesNotContain("GET");
    }

    @Test
    void aQueryWithABrokenPercentEscapeIsRefusedNotServedWithoutTheParameter() {
        api.post(path("/members"), Map.of("email", uniqueEmail("listed")));
        var refused = api.sendRaw("GET", path("/members?q=x%ZZ"));
        assertProblem(refused, 400, "invalid-request");
        assertThat(refused.json().get("detail").asText()).contains("'q'");
        assertThat(api.sendRaw("GET", path("/members?q=x%25")).status()).isEqualTo(200);
    }

    @Test
    void anAddressTheContainerRefusesIsAnsweredAsAProblem() {
        for (String refused : List.of("/members/a%2Fb", "/members/a%5Cb", "/members/a%00b")) {
            assertProblem(api.sendRaw("GET", path(refused)), 400, "invalid-request");
        }
        api.post(path("/members"), Map.of("email", uniqueEmail("quoted")));
        var typed = api.sendRaw("GET", path("/members?q=\"quoted\""));
        assertThat(typed.status()).as(typed.toString()).isEqualTo(200);
        assertThat(typed.json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aSearchOfOnlyPunctuationFindsNobody() {
        api.post(path("/members"), Map.of("email", uniqueEmail("someone")));
        assertThat(api.get(path("/members?q=%25")).json().get("total").asInt()).isZero();
        assertThat(api.get(path("/members?q=_")).json().get("total").asInt()).isZero();
        assertThat(api.get(path("/members")).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void theProvisioningHistoryNeverShowsTheTokensHash() {
        api.post(path("/provisioning/enable"), null);
        api.post(path("/provisioning/credentials"), null);
        String stored = jdbc.queryForObject(
                "SELECT token_hash FROM cs_organization WHERE organization_id = ?", String.class, org);

        var history = api.get(path("/provisioning/history"));

        assertThat(history.status()).isEqualTo(200);
        int issued = 0;
        for (JsonNode entry : history.json()) {
            if (entry.get("payload").has("tokenHash")) {
                issued++;
                assertThat(entry.get("payload").get("tokenHash").asText()).isEqualTo("(not shown)");
            }
        }
        assertThat(issued).isEqualTo(2);
        assertThat(history.text()).doesNotContain(stored);
    }

    @Test
    void aStaleVersionRefusesADeactivationAndOneEditChangesEverythingOrNothing() {
        var invited = api.post(path("/members"), Map.of("email", uniqueEmail("versioned"), "name", "Vera Old"))
                .json();
        String id = invited.get("id").asText();
        long version = invited.get("version").asLong();
        long events = eventCount();

        var stale = api.patch(path("/members/" + id), Map.of("active", false, "version", version + 5));
        assertProblem(stale, 409, "version-conflict");
        // no member is ever at a negative version: bad input, not a change made meanwhile
        var negative = api.patch(path("/members/" + id), Map.of("active", false, "version", -5));
        assertProblem(negative, 400, "invalid-value");
        assertThat(negative.json().get("detail").asText()).contains("version").contains("-5");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.get(path("/members/" + id)).json().get("status").asText())
                .isEqualTo("INVITED");

        var both = api.patch(path("/members/" + id), Map.of("givenName", "Vera", "active", false, "version", version));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(both.json().get("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(both.json().get("name").get("givenName").asText()).isEqualTo("Vera");
        assertThat(eventCount()).isEqualTo(events + 2);
    }

    @Test
    void anAdminNeedsAnEmailAddressAndAnExistingAccountsPasswordIsNotChangedHere() {
        long events = eventCount();
        assertProblem(api.post(path("/admins"), Map.of("email", "notanemail")), 400, "invalid-value");
        assertProblem(api.post(path("/admins"), Map.of("email", 5)), 400, "malformed-body");
        // bcrypt hashes 72 bytes: a longer password is refused, not cut off (was a 500)
        String tooLong = uniqueEmail("too-long-password");
        var longAscii = api.post(path("/admins"), Map.of("email", tooLong, "password", "p".repeat(73)));
        assertProblem(longAscii, 400, "invalid-value");
        assertThat(longAscii.json().get("detail").asText()).contains("at most 72 bytes");
        assertProblem(
                api.post(path("/admins"), Map.of("email", tooLong, "password", "\u00e4".repeat(40))),
                400,
                "invalid-value");
        // an email that looks like another one: invisible, space or compatibility characters
        for (String lookAlike :
                List.of("bob@b.test\u200b", "\u00a0bob@b.test", "\uff42ob@b.test", "admin@localho\u017ft")) {
            var refused = api.post(path("/admins"), Map.of("email", lookAlike));
            assertProblem(refused, 400, "invalid-value");
        }
        // or letters of another alphabet, or case-folding to another letter: the operator's address, to the eye
        for (String passing : List.of("\u0430dmin@localhost", "adm\u0131n@localhost", "ADM\u0130N@LOCALHOST")) {
            var refused = api.post(path("/admins"), Map.of("email", passing));
            assertProblem(refused, 400, "invalid-value");
            assertThat(refused.json().get("detail").asText()).contains("would pass for another address");
        }
        // or written as mail servers read as another: a trailing dot, a quoted part, dots at a part's edge or doubled
        for (String passing : List.of(
                "admin@localhost.",
                "\"admin\"@localhost",
                ".admin@localhost",
                "admin.@localhost",
                "ad..min@localhost",
                "admin@.localhost",
                "admin@local..host",
                // characters an address holds only in quotes: two addresses, a comment, an address in brackets
                "a,b@localhost",
                "a(b)@localhost",
                "<script>@localhost",
                "a;b@localhost",
                "a:b@localhost",
                "a[b]@localhost",
                "a\\b@localhost",
                "admin@[127.0.0.1]")) {
            var refused = api.post(path("/admins"), Map.of("email", passing));
            assertProblem(refused, 400, "invalid-value");
            assertThat(refused.json().get("detail").asText()).as(passing).contains("would pass for another address");
        }

        var blank = api.post(path("/admins"), Map.of("email", tooLong, "password", " ".repeat(12)));
        assertProblem(blank, 400, "invalid-value");
        assertThat(blank.json().get("detail").asText()).contains("not only spaces");
        assertThat(eventCount()).isEqualTo(events);
        // Japanese scripts mixed with Latin as they are, and another alphabet on its own, are no look-alikes
        for (String plain : List.of(
                uniqueEmail("\u5c71\u7530\u305f\u308d\u3046"),
                "\u0438\u0432\u0430\u043d" + System.nanoTime() + "@example.com")) {
            var created = api.post(path("/admins"), Map.of("email", plain));
            assertThat(created.status()).as(plain + " " + created).isEqualTo(201);
        }
        var longest = api.post(path("/admins"), Map.of("email", tooLong, "password", "p".repeat(72)));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
        assertThat(Http.to("http://localhost:" + port)
                        .basic(tooLong, "p".repeat(72))
                        .get(path(""))
                        .status())
                .isEqualTo(200);
        events = eventCount();

        String email = uniqueEmail("second-admin");
        var created = api.post(path("/admins"), Map.of("email", email));
        assertThat(created.status()).isEqualTo(201);
        String password = created.json().get("password").asText();
        String other = Fixtures.createOrganization(api, "Other");

        var withPassword =
                api.post("/api/orgs/" + other + "/admins", Map.of("email", email, "password", "another-password"));
        assertProblem(withPassword, 400, "invalid-value");
        assertThat(withPassword.json().get("detail").asText()).contains("leave password out");
        var granted = api.post("/api/orgs/" + other + "/admins", Map.of("email", email));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().has("password")
                        && !granted.json().get("password").isNull())
                .isFalse();
        Http second = Http.to("http://localhost:" + port).basic(email, password);
        assertThat(second.get("/api/orgs/" + other).status()).isEqualTo(200);
    }

    @Test
    void tenWrongPasswordsForAnEmailFromOneAddressAreRefusedForAWhileWithoutACheck() throws Exception {
        String email = uniqueEmail("guessed");
        var created = api.post(path("/admins"), Map.of("email", email));
        String password = created.json().get("password").asText();
        Http guesser = Http.to("http://localhost:" + port).basic(email, "wrong-guess-0");
        for (int i = 0; i < 10; i++) {
            assertThat(Http.to("http://localhost:" + port)
                            .basic(email, "wrong-guess-" + i)
                            .get("/api/orgs")
                            .status())
                    .isEqualTo(401);
        }
        Http.Response locked =
                Http.to("http://localhost:" + port).basic(email, password).get("/api/orgs");
        assertProblem(locked, 429, "too-many-attempts");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(800L, 900L);
        assertProblem(guesser.get("/api/orgs"), 429, "too-many-attempts");
        assertThat(Http.to("http://localhost:" + port)
                        .basic(email.toUpperCase(java.util.Locale.ROOT), password)
                        .get("/api/orgs")
                        .status())
                .isEqualTo(429);
        assertThat(api.get("/api/orgs").status()).as("other admins sign in").isEqualTo(200);

        // the Control Panel's sign-in for the same email from the same address
        FormSession session = FormSession.open(port);
        assertThat(session.submitSignIn(email, password)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("/login?throttled");
        String page = session.get("/login?throttled", false).body();
        assertThat(page).contains("Too many wrong passwords for this").doesNotContain(password);
    }

    @Test
    void aScriptSendingManyRequestsAtOnceWithTheRightPasswordIsNotThrottled() throws Exception {
        String email = uniqueEmail("parallel-script");
        var created = api.post(path("/admins"), Map.of("email", email));
        Http script = Http.to("http://localhost:" + port)
                .basic(email, created.json().get("password").asText());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return script.get(path("/members")).status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenWrongCurrentPasswordsStopThePasswordChangeForAWhile() {
        String email = uniqueEmail("guessing-own");
        api.post(path("/admins"), Map.of("email", email, "password", "first-password-1"));
        Http admin = Http.to("http://localhost:" + port).basic(email, "first-password-1");
        for (int i = 0; i < 10; i++) {
            assertProblem(
                    admin.post(
                            "/api/account/password",
                            Map.of("currentPassword", "guess-" + i, "newPassword", "second-password-2")),
                    400,
                    "wrong-current-password");
        }
        Http.Response locked = admin.post(
                "/api/account/password",
                Map.of("currentPassword", "first-password-1", "newPassword", "second-password-2"));
        assertProblem(locked, 429, "too-many-attempts");
        // the lock lasts 15 minutes from the first of the ten: how long is left, as the sign-in's lock says it
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(800L, 900L);
        assertThat(locked.json().get("detail").asText()).endsWith("try again in 15 minutes");
        assertThat(admin.get("/api/orgs").status())
                .as("the password is unchanged, and signing in is not locked by it")
                .isEqualTo(200);
    }

    @Test
    void anAdminChangesTheirOwnPasswordGivingTheCurrentOne() {
        String email = uniqueEmail("changing");
        assertThat(api.post(path("/admins"), Map.of("email", email, "password", "first-password-1"))
                        .status())
                .isEqualTo(201);
        Http admin = Http.to("http://localhost:" + port).basic(email, "first-password-1");

        var wrong = admin.post(
                "/api/account/password",
                Map.of("currentPassword", "not-it-at-all", "newPassword", "second-password-2"));
        assertProblem(wrong, 400, "wrong-current-password");
        assertProblem(
                admin.post(
                        "/api/account/password", Map.of("currentPassword", "first-password-1", "newPassword", "short")),
                400,
                "invalid-value");
        assertProblem(admin.post("/api/account/password", Map.of("newPassword", "x")), 400, "invalid-value");
        assertThat(admin.get(path("")).status()).as("nothing changed").isEqualTo(200);

        var changed = admin.post(
                "/api/account/password",
                Map.of("currentPassword", "first-password-1", "newPassword", "second-password-2"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(admin.get(path("")).status()).as("the former password").isEqualTo(401);
        assertThat(Http.to("http://localhost:" + port)
                        .basic(email, "second-password-2")
                        .get(path(""))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBodyIsReadAsTypedAndARefusalNamesTheField() {
        long events = eventCount();
        var numberAsName = api.post(path("/teams"), Map.of("name", 5));
        assertProblem(numberAsName, 400, "malformed-body");
        assertThat(numberAsName.json().get("detail").asText())
                .contains("'name'")
                .contains("a string");
        var halfAPair = api.send("POST", path("/teams"), "{\"name\":\"Team \\ud800\"}", "application/json");
        assertProblem(halfAPair, 400, "malformed-body");
        assertThat(halfAPair.json().get("detail").asText()).contains("'name'").contains("surrogate");
        var notAList = api.post(path("/members"), Map.of("email", uniqueEmail("typed"), "teamIds", "abc"));
        assertProblem(notAList, 400, "malformed-body");
        assertThat(notAList.json().get("detail").asText()).contains("'teamIds'").contains("a list");
        String member = api.post(path("/members"), Map.of("email", uniqueEmail("typed")))
                .json()
                .get("id")
                .asText();
        events = eventCount();
        var numberAsYes = api.patch(path("/members/" + member), Map.of("active", 0));
        assertProblem(numberAsYes, 400, "malformed-body");
        assertThat(numberAsYes.json().get("detail").asText())
                .contains("'active'")
                .contains("true or false");
        // a number written as a string is a string: not read as the number
        for (String version : List.of("0", "", "1e0")) {
            var stringAsNumber = api.patch(path("/members/" + member), Map.of("version", version, "givenName", "Zed"));
            assertProblem(stringAsNumber, 400, "malformed-body");
            assertThat(stringAsNumber.json().get("detail").asText())
                    .isEqualTo("The request body's field 'version' must be a whole number");
        }
        assertThat(api.get(path("/members/" + member))
                        .json()
                        .path("name")
                        .path("givenName")
                        .isNull())
                .isTrue();
        // a key the call does not take (misspelt) is named, with those it takes, rather than dropped without a word
        var misspelt = api.patch(path("/members/" + member), Map.of("givenname", "Ann"));
        assertProblem(misspelt, 400, "malformed-body");
        assertThat(misspelt.json().get("detail").asText())
                .startsWith("The request body's field 'givenname' is not one this call takes (it takes: ")
                .contains("givenName");
        // a number past what the field holds is named, with the range it takes
        var tooLarge = api.send(
                "PATCH", path("/members/" + member), "{\"version\": 99999999999999999999}", "application/json");
        assertProblem(tooLarge, 400, "malformed-body");
        assertThat(tooLarge.json().get("detail").asText())
                .isEqualTo("The request body's field 'version' must be a whole number from " + Long.MIN_VALUE + " to "
                        + Long.MAX_VALUE);
        // so is a query parameter's, and a word still is not a number
        var offsetTooLarge = api.get(path("/members?offset=99999999999999999999"));
        assertProblem(offsetTooLarge, 400, "invalid-value");
        assertThat(offsetTooLarge.json().get("detail").asText())
                .isEqualTo("Parameter 'offset' must be a whole number from 0 to " + Integer.MAX_VALUE);
        assertThat(api.get(path("/members?offset=ten")).json().get("detail").asText())
                .isEqualTo("Parameter 'offset' must be a whole number");
        assertProblem(
                api.post(path("/members"), Map.of("email", uniqueEmail("extra"), "foo", 1)), 400, "malformed-body");
        var broken = api.send("PATCH", path("/members/" + member), "{\"givenName\": ", "application/json");
        assertProblem(broken, 400, "malformed-body");
        assertThat(broken.json().get("detail").asText())
                .contains("not valid JSON")
                .contains("line 1");
        assertThat(eventCount()).isEqualTo(events);
        // a yes or no written as a string is still understood
        assertThat(api.patch(path("/members/" + member), Map.of("active", "false"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBodyWhoseContentTypeIsAWildcardOrMalformedIs415NotAFailure() {
        long events = eventCount();
        for (String contentType : List.of(
                "*/*",
                "application/*",
                "application/*+json",
                "json",
                // a parameter without its value (Spring read these as application/json)
                "application/json; charset",
                "application/json; foo",
                "application/json; charset=utf-8; q")) {
            var refused = api.send("POST", path("/teams"), "{\"name\":\"Wildcard\"}", contentType);
            assertProblem(refused, 415, "unsupported-media-type");
            assertThat(refused.json().get("detail").asText()).as(contentType).contains("application/json");
        }
        // empty parameters are allowed (RFC 9110 §5.6.6), and a ';' inside a quoted value separates nothing
        for (String contentType :
                List.of("application/json;", "application/json;;", "application/json; charset=\"utf-8\"; x=\"a;b\"")) {
            var created =
                    api.send("POST", path("/teams"), "{\"name\":\"Typed " + UUID.randomUUID() + "\"}", contentType);
            assertThat(created.status()).as(contentType).isEqualTo(201);
        }
        events = eventCount();
        // a charset this service does not know is what the answer names
        for (String charset : List.of("latin-1", "x-unknown-cs", "\"bad name\"")) {
            var refused =
                    api.send("POST", path("/teams"), "{\"name\":\"Latin\"}", "application/json; charset=" + charset);
            assertProblem(refused, 415, "unsupported-media-type");
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("The body's Content-Type names a charset this service does not know ("
                            + charset.replace("\"", "") + "): send it in UTF-8 (application/json; charset=utf-8)");
        }
        // a compressed body would be read as malformed JSON: the encoding is what is refused, and said so
        var compressed = api.header("Content-Encoding", "gzip")
                .send("POST", path("/teams"), new byte[] {0x1f, (byte) 0x8b, 8, 0}, "application/json");
        assertProblem(compressed, 415, "unsupported-media-type");
        assertThat(compressed.json().get("detail").asText()).contains("Content-Encoding 'gzip'");
        assertThat(compressed.header("Accept-Encoding")).isEqualTo("identity");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.send("POST", path("/teams"), "{\"name\":\"Typed\"}", "application/json; charset=utf-8")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void whatIsNotThereIsNamedAsItWasAskedFor() {
        String team = api.post(path("/teams"), Map.of("name", "Named"))
                .json()
                .get("id")
                .asText();
        var badMember = api.post(path("/teams/" + team + "/members"), Map.of("memberId", "no such one"));
        assertProblem(badMember, 404, "member-not-found");
        assertThat(badMember.json().get("detail").asText()).contains("no such one");
        String unknown = java.util.UUID.randomUUID().toString();
        assertProblem(api.delete(path("/teams/" + team + "/members/" + unknown)), 404, "member-not-found");
        var unknownTeam = api.get(path("/members?team=" + unknown));
        assertProblem(unknownTeam, 404, "team-not-found");
        assertThat(unknownTeam.json().get("detail").asText()).contains(unknown);
        var typo = api.get(path("/activity?action=member.invite"));
        assertProblem(typo, 400, "invalid-value");
        assertThat(typo.json().get("detail").asText()).contains("member.invite").contains("member, team");
        assertThat(api.get(path("/activity?action=member.invited,team")).status())
                .isEqualTo(200);
    }

    @Test
    void aCallThatTakesNoBodyRefusesOneRatherThanDropIt() {
        long before = eventCount();
        var enable = api.post(path("/provisioning/enable"), Map.of("bogus", 1));
        assertProblem(enable, 400, "malformed-body");
        assertThat(enable.json().get("detail").asText()).isEqualTo("This call takes no body; send it without one");
        assertProblem(api.send("POST", path("/provisioning/enable"), "hello", "text/plain"), 400, "malformed-body");
        // sent in chunks, its length not announced
        assertProblem(
                api.send(
                        "POST",
                        path("/provisioning/enable"),
                        new java.io.ByteArrayInputStream("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "application/json"),
                400,
                "malformed-body");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api.get(path("/provisioning")).json().get("enabled").asBoolean())
                .isFalse();

        // an option sent in the body would be ignored: the answer says where it goes
        var rebuild = api.post("/api/admin/rebuild", Map.of("fresh", true));
        assertProblem(rebuild, 400, "malformed-body");
        assertThat(rebuild.json().get("detail").asText())
                .isEqualTo("This call takes no body: its options are query parameters (fresh=); send it without one");

        // without a body (or an empty one) the call is made
        var enabled = api.send("POST", path("/provisioning/enable"), new byte[0], "application/json");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(eventCount()).isGreaterThan(before);
    }

    @Test
    void aBodyIsOneJsonValueWithEachKeyOnce() {
        long events = eventCount();
        var twice = api.send("POST", path("/teams"), "{\"name\":\"One\",\"name\":\"Two\"}", "application/json");
        assertProblem(twice, 400, "malformed-body");
        assertThat(twice.json().get("detail").asText()).contains("Duplicate field 'name'");
        assertProblem(
                api.send("POST", path("/members"), "{\"email\":\"a@example.com\"} trailing", "application/json"),
                400,
                "malformed-body");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aMalformedAcceptOrAnAddressTheFirewallRefusesIsStillAProblemDetail() {
        long events = eventCount();
        var garbage = api.header("Accept", "garbage///").post(path("/teams"), Map.of("name", "Never"));
        assertProblem(garbage, 400, "invalid-request");
        assertThat(garbage.json().get("detail").asText()).contains("Accept");
        assertProblem(api.sendRaw("GET", path("/members/%2e%2e")), 400, "invalid-request");
        assertProblem(api.sendRaw("GET", path("/members;x=1")), 400, "invalid-request");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyLargerThanTheApiReadsIs413() {
        long events = eventCount();
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(api.send("POST", path("/teams"), huge, "application/json"), 413, "payload-too-large");
        var chunked = api.send(
                "POST",
                path("/teams"),
                new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "application/json");
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(api.post(path("/teams"), Map.of("name", "x".repeat(100))).status())
                .isEqualTo(201);
    }

    @Test
    void aStateAsOfAnInstantStillToComeIsRefused() {
        String later = Instant.now().plusSeconds(3600).toString();
        var refused = api.get(path("/state?at=" + later));
        assertProblem(refused, 400, "invalid-value");
        assertThat(refused.json().get("detail").asText()).contains("still to come");
        // the moment as every moment is written, to the millisecond
        var whole = api.get(path("/state?at=2999-01-01T00:00:00Z"));
        assertThat(whole.json().get("detail").asText()).startsWith("Parameter 'at' is 2999-01-01T00:00:00.000Z, which");
        assertThat(api.get(path("/state?at=" + Instant.now().minusSeconds(1))).status())
                .isEqualTo(200);
    }
}
