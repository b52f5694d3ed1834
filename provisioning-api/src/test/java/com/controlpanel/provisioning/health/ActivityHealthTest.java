package com.controlpanel.provisioning.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Prometheus;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * While the Activity > Actions processor can not store an event (here: the live table refuses that one row), the
 * {@code activity} component of {@code /actuator/health} is down and says since when, never why; liveness and
 * readiness stay up (SCIM and the Control Panel go on). Once the row can be stored, the processor's retry stores it
 * and the component is up again.
 */
@ApplicationTest
class ActivityHealthTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theActivityComponentIsDownWhileAnEventCanNotBeStoredAndUpOnceItIs() {
        Http anonymous = Http.to("http://localhost:" + port);
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Health Check Co");
        awaitTrue(() -> anonymous.get("/actuator/health").status() == 200, "healthy before");
        assertThat(anonymous
                        .get("/actuator/health")
                        .json()
                        .at("/components/activity/status")
                        .asText())
                .isEqualTo("UP");

        String requestId = "poison-" + UUID.randomUUID();
        PoisonedActivityRow poison = new PoisonedActivityRow(jdbc, requestId);
        try (poison) {
            Http.Response invited = api.header("X-Request-Id", requestId)
                    .post("/api/orgs/" + org + "/members", Map.of("email", "hal.th@example.com", "name", "Hal Th"));
            assertThat(invited.status()).as(invited.text()).isEqualTo(201);

            awaitTrue(() -> anonymous.get("/actuator/health").status() == 503, "health down");
            Http.Response health = anonymous.get("/actuator/health");
            assertThat(health.json().at("/status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/activity/status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(health.text()).doesNotContain("Hal Th").doesNotContain(requestId);
            assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

            // the same in the operator's metrics, with how many events the timeline is behind
            awaitTrue(() -> metric(api, "provisioning_activity_failing") == 1.0, "failing in the metrics");
            assertThat(metric(api, "provisioning_activity_behind_events")).isGreaterThanOrEqualTo(1.0);
        }

        awaitTrue(() -> anonymous.get("/actuator/health").status() == 200, "health up again");
        assertThat(anonymous
                        .get("/actuator/health")
                        .json()
                        .at("/components/activity/status")
                        .asText())
                .isEqualTo("UP");
        assertThat(poison.rows(requestId)).isEqualTo(1);
        awaitTrue(
                () -> metric(api, "provisioning_activity_behind_events") == 0.0
                        && metric(api, "provisioning_activity_failing") == 0.0,
                "caught up in the metrics");
    }

    @Test
    void theMetricsAreTheOperatorsInPrometheusFormat() {
        Http anonymous = Http.to("http://localhost:" + port);
        Http operator = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        Http.Response refused = anonymous.get("/actuator/prometheus");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(refused.text()).doesNotContain("provisioning_");

        String org = Fixtures.createOrganization(operator, "Metrics Co");
        var granted = operator.post(
                "/api/orgs/" + org + "/admins", Map.of("email", "metrics.admin." + UUID.randomUUID() + "@example.com"));
        Http admin = Http.to("http://localhost:" + port)
                .basic(
                        granted.json().get("email").asText(),
                        granted.json().get("password").asText());
        assertThat(admin.get("/api/orgs/" + org + "/members").status()).isEqualTo(200);
        Http.Response forbidden = admin.get("/actuator/prometheus");
        assertThat(forbidden.status())
                .as("an organization's admin does not see the deployment's")
                .isEqualTo(403);

        Http.Response index = operator.get("/actuator");
        assertThat(index.status()).as("no index of the endpoints").isNotEqualTo(200);
        assertThat(index.text()).doesNotContain("prometheus");

        Http.Response metrics = operator.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text())
                .contains("# TYPE provisioning_activity_behind_events gauge")
                .contains("# TYPE provisioning_activity_failing gauge")
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/orgs/{org}/members\"")
                .contains("jvm_memory_used_bytes");
    }

    /** A gauge's value as the operator's scrape reads it. */
    private static double metric(Http operator, String name) {
        Http.Response index = operator.get("/actuator");
        assertThat(index.status()).as("no index of the endpoints").isNotEqualTo(200);
        assertThat(index.text()).doesNotContain("prometheus");

        return Prometheus.gauge(operator, name);
    }

    /** Waits up to 90 s for the condition, failing with {@code what} after. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
