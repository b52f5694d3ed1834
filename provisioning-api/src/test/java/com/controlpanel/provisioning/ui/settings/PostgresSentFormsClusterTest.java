package com.controlpanel.provisioning.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL database behind a load balancer that spreads the requests: the new-organization form
 * sent twice (a double click), each sending through another node, makes one organization, and both answers show it.
 */
@ExtendWith(PostgresAvailable.class)
class PostgresSentFormsClusterTest {

    private static final String OPERATOR = "forms-operator@example.com";
    private static final String PASSWORD = "forms-operator-password-1";

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() {
        Nodes.stop(nodeB, nodeA);
    }

    @Test
    void theNewOrganizationFormSentThroughBothNodesMakesOneOrganization() throws Exception {
        String url = PostgresAvailable.emptySchema("sent_forms_cluster_test");
        nodeA = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        nodeB = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        Http api = Http.to("http://localhost:" + Nodes.port(nodeA)).basic(OPERATOR, PASSWORD);
        // the organization the first start made
        String org = api.get("/api/orgs").json().get(0).get("id").asText();
        FormSession onA = FormSession.signIn(Nodes.port(nodeA), OPERATOR, PASSWORD);
        FormSession onB = onA.at(Nodes.port(nodeB));
        String page = "/orgs/" + org + "/settings/organizations";
        assertThat(onB.get(page, false).statusCode())
                .as("node B serves node A's session")
                .isEqualTo(200);
        String[] form = {
            "name", "Litware", "formId", java.util.UUID.randomUUID().toString()
        };

        CompletableFuture<HttpResponse<String>> throughA = CompletableFuture.supplyAsync(() -> send(onA, page, form));
        CompletableFuture<HttpResponse<String>> throughB = CompletableFuture.supplyAsync(() -> send(onB, page, form));
        List<String> landed =
                List.of(location(throughA.get(30, TimeUnit.SECONDS)), location(throughB.get(30, TimeUnit.SECONDS)));

        assertThat(landed.get(0)).matches("/orgs/[0-9a-f-]{36}/settings/admins").isEqualTo(landed.get(1));
        assertThat(api.get("/api/orgs").json().findValuesAsText("name"))
                .as("one organization made")
                .containsExactlyInAnyOrder("My organization", "Litware");
    }

    private static HttpResponse<String> send(FormSession session, String page, String... fields) {
        try {
            return session.submit(page, page, fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        // the address on the node that answered
        return location.substring(location.indexOf("/orgs/"));
    }
}
