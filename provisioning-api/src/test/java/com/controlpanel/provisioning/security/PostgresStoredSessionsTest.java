package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import com.controlpanel.provisioning.ui.layout.EmailBreaks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Two nodes on one PostgreSQL database behind a load balancer that sends each request where it likes (no sticky
 * sessions): an admin signed in through one node is signed in on the other, and signing out on either ends the
 * session on both.
 */
@ExtendWith(PostgresAvailable.class)
class PostgresStoredSessionsTest {

    private static final String ADMIN = "sessions-cluster@example.com";
    private static final String PASSWORD = "sessions-cluster-password-1";

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() {
        Nodes.stop(nodeB, nodeA);
    }

    @Test
    void aSessionSignedInOnOneNodeIsSignedInOnTheOtherUntilItSignsOutOnEither() throws Exception {
        String url = PostgresAvailable.emptySchema("stored_sessions_test");
        nodeA = Nodes.onPostgres(url, ADMIN, PASSWORD);
        nodeB = Nodes.onPostgres(url, ADMIN, PASSWORD);
        FormSession onA = FormSession.signIn(Nodes.port(nodeA), ADMIN, PASSWORD);
        FormSession onB = onA.at(Nodes.port(nodeB));

        String location = onB.get("/", false).headers().firstValue("Location").orElseThrow();
        assertThat(location).as("node B knows the session node A signed in").contains("/orgs/");
        String members = location.substring(location.indexOf("/orgs/"));
        HttpResponse<String> page = onB.get(members, false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .as("signed in as the admin: the top bar shows their email")
                .contains(EmailBreaks.html(ADMIN));

        // signed out through node B: node A asks to sign in
        assertThat(onB.submit(members, "/logout")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("/login?logout");
        HttpResponse<String> after = onA.get(members, false);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
    }

    @Test
    void aChangeToASessionSignedOutMeanwhileIsDroppedNotAnError() {
        nodeA = Nodes.onPostgres(PostgresAvailable.emptySchema("stored_sessions_race_test"), ADMIN, PASSWORD);
        StoredSessionsTest.assertSignedOutMeanwhileDropsTheChange(
                new DigestKeyedSessions(nodeA.getBean(JdbcIndexedSessionRepository.class)));
    }

    @Test
    void twoRequestsAtOnceKeepingTheSameNewAttributeAreNotAnError() {
        nodeA = Nodes.onPostgres(PostgresAvailable.emptySchema("stored_sessions_attribute_test"), ADMIN, PASSWORD);
        StoredSessionsTest.assertTheSameNewAttributeKeptTwiceAtOnceIsTheLaterOne(
                new DigestKeyedSessions(nodeA.getBean(JdbcIndexedSessionRepository.class)));
    }

    @Test
    void theDatabaseHoldsADigestOfEachSessionsIdThatSignsNobodyIn() throws Exception {
        nodeA = Nodes.onPostgres(PostgresAvailable.emptySchema("stored_sessions_keys_test"), ADMIN, PASSWORD);
        StoredSessionsTest.assertStoredKeysSignNobodyIn(nodeA, ADMIN, PASSWORD);
    }
}
