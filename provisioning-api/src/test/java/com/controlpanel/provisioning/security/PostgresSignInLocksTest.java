package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL database behind a load balancer that spreads the requests: wrong passwords sent
 * through both count toward one lock, which both then hold, and a new password given through either lifts.
 */
@ExtendWith(PostgresAvailable.class)
class PostgresSignInLocksTest {

    private static final String OPERATOR = "locks-operator@example.com";
    private static final String OPERATOR_PASSWORD = "locks-operator-password-1";
    private static final String ADMIN = "locks-cluster@example.com";

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() {
        Nodes.stop(nodeB, nodeA);
    }

    @Test
    void tenWrongPasswordsSpreadOverTwoNodesLockTheEmailOnBothUntilANewPasswordIsGiven() throws Exception {
        String url = PostgresAvailable.emptySchema("sign_in_locks_test");
        nodeA = Nodes.onPostgres(url, OPERATOR, OPERATOR_PASSWORD);
        nodeB = Nodes.onPostgres(url, OPERATOR, OPERATOR_PASSWORD);
        String onA = "http://localhost:" + Nodes.port(nodeA);
        String onB = "http://localhost:" + Nodes.port(nodeB);
        Http operator = Http.to(onA).basic(OPERATOR, OPERATOR_PASSWORD);
        String org = operator.post("/api/orgs", Map.of("name", "Locks"))
                .json()
                .get("id")
                .asText();
        var added = operator.post("/api/orgs/" + org + "/admins", Map.of("email", ADMIN));
        String adminId = added.json().get("id").asText();
        String password = added.json().get("password").asText();
        for (int i = 0; i < SignInThrottle.ALLOWED_FAILURES; i++) {
            String node = i % 2 == 0 ? onA : onB;
            assertThat(Http.to(node)
                            .basic(ADMIN, "wrong-guess-" + i)
                            .get("/api/orgs")
                            .status())
                    .isEqualTo(401);
        }

        for (String node : new String[] {onA, onB}) {
            Http.Response locked = Http.to(node).basic(ADMIN, password).get("/api/orgs");
            assertThat(locked.status()).as(node).isEqualTo(429);
            assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
            assertThat(locked.json().get("code").asText()).isEqualTo("too-many-attempts");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(800L, 900L);
        }
        assertThat(FormSession.open(Nodes.port(nodeB))
                        .submitSignIn(ADMIN, password)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("the Control Panel's sign-in on the other node")
                .endsWith("/login?throttled");

        // the operator gives the admin a new password through node A: the lock is lifted on node B too
        String given = operator.post("/api/admin/accounts/" + adminId + "/password", null)
                .json()
                .get("password")
                .asText();
        assertThat(Http.to(onB).basic(ADMIN, given).get("/api/orgs").status()).isEqualTo(200);
    }
}
