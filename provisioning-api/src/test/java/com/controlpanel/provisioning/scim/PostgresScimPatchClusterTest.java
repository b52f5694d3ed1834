package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL database behind a load balancer that spreads Okta's parallel PATCHes of one User over
 * both: a node's PATCHes take turns, the other node's get in between, and each is caught by the User's version and
 * applied again on what it finds. They ran out of attempts (a few in thirty answered 503, their changes lost to Okta
 * until it retried).
 */
@ExtendWith(PostgresAvailable.class)
class PostgresScimPatchClusterTest {

    private static final String OPERATOR = "patch-operator@example.com";
    private static final String PASSWORD = "patch-operator-password-1";
    private static final int PATCHES = 40;

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() {
        Nodes.stop(nodeB, nodeA);
    }

    @Test
    void parallelPatchesOfOneUserSpreadOverTwoNodesEachApply() throws Exception {
        String url = PostgresAvailable.emptySchema("scim_patch_cluster_test");
        nodeA = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        nodeB = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        Http api = Http.to("http://localhost:" + Nodes.port(nodeA)).basic(OPERATOR, PASSWORD);
        String org = api.get("/api/orgs").json().get(0).get("id").asText();
        JsonNode enabled =
                api.post("/api/orgs/" + org + "/provisioning/enable", null).json();
        String tenantPath = enabled.get("tenantUrl").asText().replaceFirst("^https?://[^/]+", "");
        String token = enabled.get("secretToken").asText();
        List<Http> nodes = List.of(
                Http.to("http://localhost:" + Nodes.port(nodeA) + tenantPath).bearer(token),
                Http.to("http://localhost:" + Nodes.port(nodeB) + tenantPath).bearer(token));
        var created = nodes.get(0)
                .send(
                        "POST",
                        "/Users",
                        Map.of(
                                "schemas",
                                List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                                "userName",
                                "paula@example.com"),
                        "application/scim+json");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();

        ExecutorService okta = Executors.newFixedThreadPool(12);
        List<Future<Http.Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < PATCHES; i++) {
                Http node = nodes.get(i % 2);
                Map<String, Object> patch = Map.of(
                        "schemas",
                        List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations",
                        List.of(Map.of(
                                "op",
                                "add",
                                "path",
                                "phoneNumbers",
                                "value",
                                List.of(Map.of("value", String.format("+1 555 01%02d", i))))));
                sent.add(okta.submit(() -> node.send("PATCH", "/Users/" + id, patch, "application/scim+json")));
            }
            for (Future<Http.Response> answer : sent) {
                Http.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
        } finally {
            okta.shutdownNow();
        }

        JsonNode user = nodes.get(1).get("/Users/" + id).json();
        assertThat(user.get("phoneNumbers")).as("every PATCH's number").hasSize(PATCHES);
    }
}
