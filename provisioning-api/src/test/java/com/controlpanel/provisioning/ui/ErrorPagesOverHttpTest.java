package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Control Panel's error pages where no browser test reaches: addresses the servlet container refuses before the
 * application sees them, sent as they are over a socket, and the container's error address opened directly; and what
 * it answers a script instead of a page.
 */
@ApplicationTest
class ErrorPagesOverHttpTest {

    @LocalServerPort
    int port;

    /** As a browser asks for a page. */
    private Http http() {
        return Http.to("http://localhost:" + port).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    private static void assertControlPanelPage(Http.Response answer, int status, String title) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.text())
                .contains("<title>" + title + " · Control Panel</title>")
                .containsPattern("/css/control-panel(-[0-9a-f]{32})?\\.css")
                .contains("class=\"card error-page\"")
                .contains("<h1>" + title + "</h1>")
                .contains("Back to the Control Panel")
                .doesNotContain("HTTP Status")
                .doesNotContain("Tomcat")
                .doesNotContain("Exception")
                .doesNotContain("999");
    }

    @Test
    void anAddressTheContainerRefusesIsAnsweredWithTheControlPanelsPage() {
        String org = "/orgs/" + UUID.randomUUID();
        for (String refused : List.of(org + "/teams/%00", org + "/members/a%2Fb", org + "/members/a%5Cb")) {
            assertControlPanelPage(http().sendRaw("GET", refused), 400, "This link is not right");
        }
    }

    @Test
    void aMistypedProbeFailsInsteadOfFollowingTheSignInToA200() {
        Http probe = Http.to("http://localhost:" + port);
        assertThat(probe.get("/actuator/health/liveness").status()).isEqualTo(200);
        for (String mistyped :
                List.of("/actuator/healthz", "/actuator/info", "/actuator", "/actuator/health/livenes")) {
            Http.Response answer = probe.get(mistyped);
            assertThat(answer.status()).as(mistyped).isEqualTo(404);
            assertThat(answer.header("Location")).as(mistyped).isNull();
        }
        // not even for the operator: the actuator serves health and, on its own chain, the metrics
        assertThat(probe.basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD)
                        .get("/actuator")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anUnknownAddressAskedByAScriptIsAnsweredWithProblemDetails() throws Exception {
        // a signed-in session's script, accepting anything (no Accept header: */*)
        var answer = FormSession.signIn(port, ApplicationTest.ADMIN, ApplicationTest.PASSWORD)
                .get("/no-such-page", false);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asText()).isEqualTo("Not Found");
        assertThat(problem.get("instance").asText()).isEqualTo("/no-such-page");
        assertThat(problem.get("detail").asText()).contains("the JSON API under /api");
        assertThat(problem.has("timestamp"))
                .as("not Spring Boot's own error body")
                .isFalse();
    }

    @Test
    void traceIsRefusedEverywhereAndNeverEchoesTheRequest() {
        for (String address : List.of("/", "/orgs", "/actuator/health", "/css/control-panel.css", "/login")) {
            Http.Response answer = http().sendRaw("TRACE", address);
            assertThat(answer.status()).as(address + ": " + answer).isEqualTo(501);
            assertThat(answer.text()).as(address).doesNotContain("HTTP/1.0").doesNotContain("Host:");
        }
    }

    /** The firewall refuses such a method before anything else, and again on the way to the error page. */
    @Test
    void aMethodTheServiceDoesNotKnowIsAPageForABrowserAndAProblemForAScriptNeverAnEmptyAnswer() throws Exception {
        for (String method : List.of("FOO", "PROPFIND", "TRACE")) {
            for (String address : List.of("/", "/login", "/orgs/" + UUID.randomUUID() + "/members")) {
                Http.Response page = http().sendRaw(method, address);
                assertControlPanelPage(page, 501, "This request is not one the service takes");
                assertThat(page.text()).as(method + " " + address).contains("The method " + method + " is not one");

                Http.Response script = Http.to("http://localhost:" + port).sendRaw(method, address);
                assertThat(script.status()).as(method + " " + address).isEqualTo(501);
                assertThat(script.header("Content-Type")).startsWith("application/problem+json");
                var problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(script.text());
                assertThat(problem.get("status").asInt()).isEqualTo(501);
                assertThat(problem.get("detail").asText()).contains("GET, HEAD, POST");
            }
        }
    }

    @Test
    void theErrorAddressOpenedDirectlyIsPageNotFound() {
        Http.Response answer = http().sendRaw("GET", "/error");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.text())
                .contains("Page not found")
                .containsPattern("/css/control-panel(-[0-9a-f]{32})?\\.css")
                .doesNotContain("999")
                .doesNotContain("None · Control Panel");
    }
}
