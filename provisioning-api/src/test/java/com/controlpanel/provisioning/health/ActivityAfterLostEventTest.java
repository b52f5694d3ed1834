package com.controlpanel.provisioning.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Prometheus;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An event the Activity > Actions processor could not store and that then vanished from the event store is not handed
 * to it again: its retry reads the store as it is now, and the timeline goes on with the events after it. This is what
 * the embedded H2 store does when the disk fills: it shuts its database down, losing the commits it had not written
 * yet, which the processor may already have read (and failed to store, the database being down). Here the processor is
 * made to fail on one event (the live table refuses its row), and the event is then deleted from the store, as H2 would
 * have lost it. Before, the store kept a copy of the newest events it had read in memory and served the lost one on
 * every retry: the timeline stood still until a restart.
 *
 * <p>The deleted event leaves the directory with a member no event made, so this class's context is thrown away after
 * it (no other test rebuilds from that store).
 */
@ApplicationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActivityAfterLostEventTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventTheStoreLostIsNotHandedToTheActivityProcessorAgain() {
        Http anonymous = Http.to("http://localhost:" + port);
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Lost Event Co");
        ActivityHealthTest.awaitTrue(() -> anonymous.get("/actuator/health").status() == 200, "healthy before");

        String lost = "lost-" + UUID.randomUUID();
        PoisonedActivityRow poison = new PoisonedActivityRow(jdbc, lost);
        String lostMember;
        try (poison) {
            Http.Response invited = api.header("X-Request-Id", lost)
                    .post("/api/orgs/" + org + "/members", Map.of("email", "lo.st@example.com", "name", "Lo St"));
            assertThat(invited.status()).as(invited.text()).isEqualTo(201);
            lostMember = invited.json().get("id").asText();
            ActivityHealthTest.awaitTrue(
                    () -> Prometheus.gauge(api, "provisioning_activity_failing") == 1.0, "the processor failing on it");

            int deleted = jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", lostMember);
            assertThat(deleted).as("the invite's events").isPositive();
        }

        String after = "after-" + UUID.randomUUID();
        Http.Response invited = api.header("X-Request-Id", after)
                .post("/api/orgs/" + org + "/members", Map.of("email", "af.ter@example.com", "name", "Af Ter"));
        assertThat(invited.status()).as(invited.text()).isEqualTo(201);

        ActivityHealthTest.awaitTrue(
                () -> poison.rows(after) > 0
                        && anonymous.get("/actuator/health").status() == 200,
                "the events after the lost one in the timeline, the service healthy");
        assertThat(poison.rows(lost)).as("no row for the lost event").isZero();
        assertThat(anonymous
                        .get("/actuator/health")
                        .json()
                        .at("/components/activity/status")
                        .asText())
                .isEqualTo("UP");
        ActivityHealthTest.awaitTrue(
                () -> Prometheus.gauge(api, "provisioning_activity_behind_events") == 0.0, "caught up");
        Http.Response newest = api.get("/api/orgs/" + org + "/activity?limit=1");
        assertThat(newest.status()).as(newest.text()).isEqualTo(200);
        assertThat(newest.json().at("/items/0/summary").asText()).contains("Af Ter");
    }
}
