package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.controlpanel.provisioning.ProvisioningApplication;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.ui.layout.EmailBreaks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The Control Panel's sessions are kept in the database: a restart signs nobody out, a session the store can no longer
 * read asks to sign in again, and no secret shown once (a Secret Token, a generated password) is ever stored in one.
 */
class StoredSessionsTest {

    private static final String ADMIN = "sessions-operator@example.com";
    private static final String PASSWORD = "sessions-password-1";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext node;

    @AfterEach
    void stop() {
        Nodes.stop(node);
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--provisioning.data-dir=" + dataDir,
                "--provisioning.admin-email=" + ADMIN,
                "--provisioning.admin-password=" + PASSWORD));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ProvisioningApplication.class).run(args.toArray(String[]::new));
    }

    /** The members page of the admin's first organization, as the start page leads to it. */
    private static String membersPage(FormSession session) throws Exception {
        String location =
                session.get("/", false).headers().firstValue("Location").orElseThrow();
        assertThat(location).as("the start page leads to the members").contains("/orgs/");
        return location.substring(location.indexOf("/orgs/"));
    }

    private List<byte[]> storedAttributes() {
        return node.getBean(JdbcTemplate.class)
                .queryForList("SELECT attribute_bytes FROM spring_session_attributes", byte[].class);
    }

    private boolean anySessionHolds(String secret) {
        byte[] wanted = secret.getBytes(StandardCharsets.UTF_8);
        return storedAttributes().stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .anyMatch(text -> text.contains(new String(wanted, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aRestartSignsNobodyOut() throws Exception {
        node = start();
        FormSession browser = FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD);
        String members = membersPage(browser);
        assertThat(browser.get(members, false).statusCode()).isEqualTo(200);
        String hash = node.getBean(JdbcTemplate.class)
                .queryForObject("SELECT password_hash FROM admin_account WHERE email = ?", String.class, ADMIN);
        assertThat(storedAttributes()).as("the session is stored").isNotEmpty();
        assertThat(anySessionHolds(hash))
                .as("the password hash is in no stored session")
                .isFalse();

        node.close();
        node = start();
        HttpResponse<String> again = browser.at(Nodes.port(node)).get(members, false);
        assertThat(again.statusCode())
                .as(
                        "the page after a restart, not the sign-in: %s",
                        again.headers().map())
                .isEqualTo(200);
        assertThat(again.body())
                .as("signed in as the admin: the top bar shows their email")
                .contains(EmailBreaks.html(ADMIN));
    }

    @Test
    void aSessionTheStoreCanNoLongerReadAsksToSignInAgain() throws Exception {
        node = start();
        FormSession browser = FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD);
        String members = membersPage(browser);
        // as a version whose classes changed since would find it: bytes no longer a serialized object
        assertThat(node.getBean(JdbcTemplate.class)
                        .update("UPDATE spring_session_attributes SET attribute_bytes = ?", (Object) new byte[] {1, 2}))
                .isPositive();

        HttpResponse<String> page = browser.get(members, false);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/login");
        // and signing in again works
        assertThat(FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD)
                        .get(members, false)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theSecretTokenAndAGeneratedPasswordAreShownOnceAndNeverStoredInTheSession() throws Exception {
        node = start();
        FormSession browser = FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD);
        String org = membersPage(browser).replaceAll("^/orgs/([^/]+)/.*$", "$1");
        String settings = "/orgs/" + org + "/settings/provisioning";

        HttpResponse<String> enabled = browser.submit(settings, settings + "/enable", "yourPassword", PASSWORD);
        assertThat(enabled.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile(
                        "id=\"secret-token\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*id=\"secret-token\"")
                .matcher(enabled.body());
        assertThat(token.find()).as("the answer shows the token").isTrue();
        String secret = token.group(1) != null ? token.group(1) : token.group(2);
        assertThat(secret).hasSizeGreaterThan(20);
        assertThat(enabled.body()).contains("name=\"answered-form\" content=\"" + settings + "\"");
        assertThat(anySessionHolds(secret))
                .as("the token is in no stored session")
                .isFalse();
        assertThat(browser.get(settings, false).body()).doesNotContain(secret);

        String admins = "/orgs/" + org + "/settings/admins";
        HttpResponse<String> added =
                browser.submit(admins, admins + "/add", "email", "new-admin@example.com", "yourPassword", PASSWORD);
        assertThat(added.statusCode()).isEqualTo(200);
        Matcher password = Pattern.compile("id=\"generated-password\"[^>]*value=\"([^\"]+)\"")
                .matcher(added.body());
        assertThat(password.find())
                .as("the answer shows the generated password")
                .isTrue();
        assertThat(anySessionHolds(password.group(1)))
                .as("the password is in no stored session")
                .isFalse();
        assertThat(browser.get(admins, false).body()).doesNotContain(password.group(1));
    }

    @Test
    void aChangeToASessionSignedOutMeanwhileIsDroppedNotAnError() {
        node = start();
        assertSignedOutMeanwhileDropsTheChange(
                new DigestKeyedSessions(node.getBean(JdbcIndexedSessionRepository.class)));
    }

    @Test
    void twoRequestsAtOnceKeepingTheSameNewAttributeAreNotAnError() {
        node = start();
        assertTheSameNewAttributeKeptTwiceAtOnceIsTheLaterOne(
                new DigestKeyedSessions(node.getBean(JdbcIndexedSessionRepository.class)));
    }

    @Test
    void aSessionsLastAccessIsWrittenAgainOnlyOnceItIsASixtiethOfItsTimeoutOld() throws Exception {
        // ten minutes: written again once the last access kept is ten seconds old
        node = start("--server.servlet.session.timeout=10m");
        FormSession browser = FormSession.signIn(Nodes.port(node), ADMIN, PASSWORD);
        String members = membersPage(browser);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        assertThat(browser.get(members, false).statusCode()).isEqualTo(200);
        long kept = jdbc.queryForObject("SELECT last_access_time FROM spring_session", Long.class);
        long expiry = jdbc.queryForObject("SELECT expiry_time FROM spring_session", Long.class);
        for (int page = 0; page < 3; page++) {
            assertThat(browser.get(members, false).statusCode()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT last_access_time FROM spring_session", Long.class))
                .as("pages within seconds of each other write nothing to the session")
                .isEqualTo(kept);

        // as if the last access kept were eleven seconds old
        jdbc.update("UPDATE spring_session SET last_access_time = last_access_time - 11000,"
                + " expiry_time = expiry_time - 11000");
        long before = System.currentTimeMillis();
        assertThat(browser.get(members, false).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT last_access_time FROM spring_session", Long.class))
                .as("the next page keeps its access")
                .isGreaterThanOrEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT expiry_time FROM spring_session", Long.class))
                .as("and the session's expiry moves on with it")
                .isGreaterThanOrEqualTo(expiry);
    }

    @Test
    void theDatabaseHoldsADigestOfEachSessionsIdThatSignsNobodyIn() throws Exception {
        node = start();
        assertStoredKeysSignNobodyIn(node, ADMIN, PASSWORD);
    }

    /**
     * What the sessions' table holds (as a backup or a dump would) signs nobody in: each session is stored under the
     * digest of its id, the cookie's id is in no row, and a stored key sent as the cookie is answered with the sign-in.
     * The id a browser had before it signed in (the sign-in page's session) is changed at sign-in and no longer leads
     * anywhere.
     */
    static void assertStoredKeysSignNobodyIn(ConfigurableApplicationContext node, String admin, String password)
            throws Exception {
        int port = Nodes.port(node);
        FormSession browser = FormSession.open(port);
        assertThat(browser.get("/login", false).statusCode()).isEqualTo(200);
        String before = sessionId(browser);
        assertThat(browser.submitSignIn(admin, password)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .doesNotContain("/login");
        String signedIn = sessionId(browser);
        assertThat(signedIn).as("a new id at sign-in").isNotEqualTo(before);
        String members = membersPage(browser);
        assertThat(browser.get(members, false).statusCode()).isEqualTo(200);

        List<String> stored = node
                .getBean(JdbcTemplate.class)
                .queryForList("SELECT session_id FROM spring_session", String.class)
                .stream()
                .map(String::trim)
                .toList();
        assertThat(stored)
                .as("the signed-in session is stored under its id's digest")
                .contains(DigestKeyedSessions.keyOf(signedIn))
                .as("and no row holds an id a cookie carries")
                .doesNotContain(signedIn, before);
        for (String key : stored) {
            HttpResponse<String> page = withCookie(port, members, key);
            assertThat(page.statusCode())
                    .as("a stored key sent as the session's cookie: the sign-in, not the page")
                    .isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/login");
        }
        assertThat(withCookie(port, members, before).statusCode())
                .as("the id from before the sign-in signs nobody in")
                .isEqualTo(302);
        assertThat(withCookie(port, members, signedIn).statusCode())
                .as("the cookie's own id does")
                .isEqualTo(200);
    }

    /** The id the browser's session cookie carries (Spring Session writes it in Base64). */
    private static String sessionId(FormSession browser) {
        String cookie = browser.cookie("SESSION").orElseThrow();
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    /** A page asked for by a browser whose session cookie carries that id. */
    private static HttpResponse<String> withCookie(int port, String path, String id) throws Exception {
        String cookie = Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Cookie", "SESSION=" + cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A request read its session; another one deleted it (a sign-out in another tab); the first then keeps a new
     * attribute (a form token, a flash): nothing is stored and nothing fails. Spring Session inserts the attribute
     * with {@code VALUES}, which the attributes' foreign key refuses; it catches that refusal itself. This holds the
     * store as configured here (schema V17, its queries, sessions keyed by digest) to it: that answer must not become
     * an error page.
     */
    @SuppressWarnings("unchecked")
    static void assertSignedOutMeanwhileDropsTheChange(DigestKeyedSessions store) {
        SessionRepository<Session> sessions = (SessionRepository<Session>) (SessionRepository<?>) store;
        Session session = sessions.createSession();
        session.setAttribute("kept", "1");
        sessions.save(session);
        Session read = sessions.findById(session.getId());
        read.setAttribute("first", "2");
        sessions.deleteById(session.getId());
        read.setAttribute("later", "3");
        assertThatCode(() -> sessions.save(read)).doesNotThrowAnyException();
        assertThat(sessions.findById(session.getId())).as("still signed out").isNull();
    }

    /**
     * Two requests of one session at once (a double click, two tabs) each keep the same attribute the session did not
     * have when they read it (a flash message after a form): Spring Session inserts it twice. The later one is kept,
     * not a duplicate key answered as an error page.
     */
    @SuppressWarnings("unchecked")
    static void assertTheSameNewAttributeKeptTwiceAtOnceIsTheLaterOne(DigestKeyedSessions store) {
        SessionRepository<Session> sessions = (SessionRepository<Session>) (SessionRepository<?>) store;
        Session session = sessions.createSession();
        session.setAttribute("kept", "1");
        sessions.save(session);
        Session first = sessions.findById(session.getId());
        Session second = sessions.findById(session.getId());
        first.setAttribute("flash", "first");
        second.setAttribute("flash", "second");
        sessions.save(first);
        assertThatCode(() -> sessions.save(second)).doesNotThrowAnyException();
        assertThat((String) sessions.findById(session.getId()).getAttribute("flash"))
                .isEqualTo("second");
    }
}
