package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import com.controlpanel.provisioning.testing.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database goes out of reach under a running service (here: the network to PostgreSQL is cut) and comes back.
 * Meanwhile every edge answers in its own format that it can not reach its database, 503 with {@code Retry-After} so
 * that Okta and scripts retry: SCIM with a SCIM error, the JSON API with a problem detail, the Control Panel with its
 * own page and, at sign-in, without blaming the password. Afterwards everything stored before is there and writes
 * go on.
 */
@ExtendWith({ChromiumAvailable.class, PostgresAvailable.class, OutputCaptureExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private static final String OPERATOR = "outage-operator@example.com";
    private static final String PASSWORD = "outage-password-1";
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/");
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final int CONNECTION_TIMEOUT_MS = 3000;
    private static final String KNOWN_OUT_OF_REACH = "requests are answered 503 at once until it answers again";

    private TcpProxy network;
    private ConfigurableApplicationContext node;
    private Browser browser;
    private Http api;
    private Http scim;
    private String org;

    @BeforeAll
    void start() {
        String url = PostgresAvailable.emptySchema("outage_test");
        Matcher target = HOST_PORT.matcher(url);
        assertThat(target.find()).as(url).isTrue();
        network = TcpProxy.to(target.group(1), target.group(2) == null ? 5432 : Integer.parseInt(target.group(2)));
        String throughProxy = target.replaceFirst("jdbc:postgresql://localhost:" + network.port() + "/");
        // the first request after the cut waits this long for a connection before it is answered 503
        node = Nodes.onPostgres(
                throughProxy,
                OPERATOR,
                PASSWORD,
                "--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT_MS,
                // Axon's line for each wait of a failing processor before it tries again
                "--logging.level.org.axonframework.eventhandling.pooled.Coordinator=INFO");
        String base = "http://localhost:" + Nodes.port(node);
        api = Http.to(base).basic(OPERATOR, PASSWORD);
        org = api.get("/api/orgs").json().get(0).get("id").asText();
        JsonNode enabled =
                api.post("/api/orgs/" + org + "/provisioning/enable", null).json();
        String tenantUrl = enabled.get("tenantUrl").asText();
        scim = Http.to(tenantUrl).bearer(enabled.get("secretToken").asText());
        browser = Browser.start(Nodes.port(node));
    }

    @AfterAll
    void stop() {
        Nodes.stop(browser, node, network);
    }

    private boolean live() {
        return "live".equals(browser.find(By.id("activity-live")).getAttribute("data-state"));
    }

    private Http.Response createUser(String userName) {
        return scim.post(
                "/Users",
                Map.of(
                        "schemas",
                        List.of(USER_SCHEMA),
                        "userName",
                        userName,
                        "emails",
                        List.of(Map.of("value", userName, "primary", true)),
                        "active",
                        true));
    }

    /** A request made while the service knows its database is out of reach does not wait for a connection. */
    private static void assertAnsweredAtOnce(long startedNanos, String what) {
        assertThat((System.nanoTime() - startedNanos) / 1_000_000)
                .as("milliseconds %s took while the database was known to be out of reach", what)
                .isLessThan(CONNECTION_TIMEOUT_MS / 2);
    }

    /** Axon's log line for a failing Activity processor's wait before it tries again, in milliseconds. */
    private static final Pattern ACTIVITY_WAIT =
            Pattern.compile("Processor \\[activity\\].*scheduling a new coordination task in (\\d+)ms");

    @Test
    void theActivityPageGoesLiveAgainByItselfAfterAnOutage(CapturedOutput output) throws InterruptedException {
        // a new visit, whichever test ran before
        browser.driver().manage().deleteAllCookies();
        browser.signIn(OPERATOR, PASSWORD);
        browser.open("/orgs/" + org + "/activity");
        // live, whether its status line says so or already names an action that arrived (one made by another test,
        // recorded late after an outage)
        browser.waitUntil(d -> live());

        int before = output.getOut().length();
        network.cut();
        try {
            // the stream ends once it can not read; the browser's own reconnect is answered 503, and it gives up
            browser.waitUntil(
                    Duration.ofSeconds(60),
                    d -> browser.text(By.id("activity-live")).contains("Live updates paused"));
            browser.screenshot("activity-live-updates-paused");
            // the Activity processor fails too, and waits twice as long before each new try: until it waits 16 s
            browser.waitUntil(Duration.ofSeconds(60), d -> longestActivityWait(output, before) >= 16_000);
        } finally {
            network.restore();
        }
        long back = System.nanoTime();

        // Activity > Actions goes on as soon as the database is back, not after the processor's wait
        Http.Response created = createUser("recorded.soon@example.com");
        while (created.status() == 503 && System.nanoTime() - back < 20_000_000_000L) {
            Thread.sleep(250);
            created = createUser("recorded.soon@example.com");
        }
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        while (!activityNames("recorded.soon@example.com") && System.nanoTime() - back < 30_000_000_000L) {
            Thread.sleep(200);
        }
        assertThat((System.nanoTime() - back) / 1_000_000)
                .as("milliseconds from the database back to the action on the timeline")
                .isLessThan(12_000);
        assertThat(output.getOut().substring(before))
                .contains("The database answers again: Activity > Actions goes on now, not after its wait");

        // the page asks again after 5, 10, 20, 40, then every 60 s: the last wait began before the database came back
        browser.waitUntil(Duration.ofSeconds(75), d -> live());
        assertThat(createUser("seen.live@example.com").status()).isEqualTo(201);
        browser.waitUntil(
                Duration.ofSeconds(30),
                d -> browser.text(By.id("activity-rows")).contains("seen.live@example.com"));
    }

    /** The longest wait before a new try Axon has logged for the Activity processor since {@code from}. */
    private static long longestActivityWait(CapturedOutput output, int from) {
        Matcher wait = ACTIVITY_WAIT.matcher(output.getOut().substring(from));
        long longest = 0;
        while (wait.find()) {
            longest = Math.max(longest, Long.parseLong(wait.group(1)));
        }
        return longest;
    }

    private boolean activityNames(String userName) {
        Http.Response activity = api.get("/api/orgs/" + org + "/activity");
        return activity.status() == 200 && activity.text().contains(userName);
    }

    @Test
    void whileTheDatabaseIsOutOfReachEveryEdgeSaysSoAndAfterwardsNothingIsLost(CapturedOutput output)
            throws InterruptedException {
        Http.Response created = createUser("before.outage@example.com");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        browser.signIn(OPERATOR, PASSWORD);

        network.cut();
        try {
            Http.Response read = scim.get("/Users/" + id);
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            assertThat(read.header("Retry-After")).isNotBlank();
            assertThat(read.header("Content-Type")).startsWith("application/scim+json");
            assertThat(read.json().get("schemas").get(0).asText())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(read.json().get("status").asText()).isEqualTo("503");
            assertThat(read.json().get("detail").asText()).contains("can not reach its database");
            assertThat(read.text()).doesNotContain("Exception").doesNotContain("at org.");

            Http.Response write = createUser("during.outage@example.com");
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(write.json().get("detail").asText()).contains("can not reach its database");

            // the pooled connections the cut broke fail at once, each for one request; then one request waits the
            // pool's whole timeout for a new one and finds the database out of reach: the next ones are answered at
            // once
            for (int request = 0; request < 40 && !output.getOut().contains(KNOWN_OUT_OF_REACH); request++) {
                assertThat(scim.get("/Users/" + id).status()).isEqualTo(503);
            }
            assertThat(output.getOut()).contains(KNOWN_OUT_OF_REACH);
            long listing = System.nanoTime();
            Http.Response listed = api.get("/api/orgs/" + org + "/members");
            assertAnsweredAtOnce(listing, "a JSON API list");
            assertThat(listed.status()).as(listed.toString()).isEqualTo(503);
            assertThat(listed.header("Retry-After")).isNotBlank();
            assertThat(listed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(listed.json().get("code").asText()).isEqualTo("database-unavailable");
            assertThat(listed.text()).doesNotContain("Exception");

            // a load balancer stops sending requests to the node; the node is alive and is not restarted
            Http probes = Http.to("http://localhost:" + Nodes.port(node));
            long probing = System.nanoTime();
            assertThat(probes.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertAnsweredAtOnce(probing, "the readiness probe");
            assertThat(probes.get("/actuator/health/liveness").status()).isEqualTo(200);
            // each request answered 503 is logged in one line, the JSON API's refused at its sign-in too; the
            // probes and the pool add no trace of their own (one each, about 200 lines, for every probe)
            assertThat(output.getOut())
                    .contains("GET /api/orgs/" + org + "/members (request id ")
                    .contains("): the database is out of reach")
                    .doesNotContain("DataSource health check failed")
                    .doesNotContain("marked as broken")
                    .contains("The database is out of reach (");

            long paging = System.nanoTime();
            browser.open("/orgs/" + org + "/members");
            assertAnsweredAtOnce(paging, "a Control Panel page");
            assertThat(browser.text(By.cssSelector(".error-page h1")))
                    .isEqualTo("The Control Panel can not reach its database");
            browser.screenshot("database-out-of-reach");
            // a new visit (the error page has no sign-out button): the sign-in form's token needs a session, which
            // the database keeps, so the sign-in page says at once that the database is out of reach (never "wrong
            // password" once a password is typed)
            browser.driver().manage().deleteAllCookies();
            browser.open("/login");
            assertThat(browser.text(By.cssSelector(".error-page h1")))
                    .isEqualTo("The Control Panel can not reach its database");
            assertThat(browser.present(By.id("password"))).isFalse();
            browser.screenshot("login-database-out-of-reach");
        } finally {
            network.restore();
        }

        // the pool connects again by itself; what was stored before is all there, and writes go on
        long restored = System.nanoTime();
        Http.Response back = scim.get("/Users/" + id);
        while (back.status() == 503 && System.nanoTime() - restored < 20_000_000_000L) {
            Thread.sleep(250);
            back = scim.get("/Users/" + id);
        }
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(output.getOut()).contains("The database answers again after");
        assertThat(back.json().get("userName").asText()).isEqualTo("before.outage@example.com");
        assertThat(Http.to("http://localhost:" + Nodes.port(node))
                        .get("/actuator/health/readiness")
                        .status())
                .isEqualTo(200);
        assertThat(createUser("after.outage@example.com").status()).isEqualTo(201);
        JsonNode users = scim.get("/Users").json();
        assertThat(users.get("Resources").findValuesAsText("userName"))
                .contains("before.outage@example.com", "after.outage@example.com")
                .doesNotContain("during.outage@example.com");
        browser.signIn(OPERATOR, PASSWORD);
        browser.open("/orgs/" + org + "/members");
        assertThat(browser.present(By.cssSelector(".error-page"))).isFalse();
        // the pool drops the connections the outage broke and makes new ones without a word: it logged a warning for
        // each ("… Possibly consider using a shorter maxLifetime value"), and its failed attempts with their traces
        assertThat(output.getOut())
                .doesNotContain("Failed to validate connection")
                .doesNotContain("Pool is empty, failed to create/setup connection");
    }
}
