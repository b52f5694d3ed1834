package com.controlpanel.provisioning.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History reads the store through the upcaster chain: an event stored in an older shape comes back in the current
 * one. The old revision here is made up for the test (a TeamRenamed "0" that called its fields oldName/newName),
 * with the upcaster a real change of shape would ship with.
 */
@ApplicationTest
class UpcastedHistoryTest {

    @TestConfiguration
    static class OldTeamRenamedUpcaster {
        @Bean
        SingleEventUpcaster teamRenamedRevision0To1() {
            SimpleSerializedType old =
                    new SimpleSerializedType("com.controlpanel.provisioning.domain.api.TeamRenamed", "0");
            return new SingleEventUpcaster() {
                @Override
                protected boolean canUpcast(IntermediateEventRepresentation representation) {
                    return representation.getType().equals(old);
                }

                @Override
                protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                    return representation.upcastPayload(
                            new SimpleSerializedType(old.getName(), "1"), JsonNode.class, payload -> {
                                ObjectNode node = (ObjectNode) payload;
                                node.set("previous", node.remove("oldName"));
                                node.set("displayName", node.remove("newName"));
                                return node;
                            });
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void historyShowsAnOldRevisionInItsCurrentShape() {
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = api.get("/api/orgs").json().get(0).get("id").asText();
        String team = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Old shape " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
        String oldPayload = "{\"organizationId\":\"" + org + "\",\"teamId\":\"" + team
                + "\",\"oldName\":\"Before\",\"newName\":\"After\"}";
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, aggregate_type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data, organization_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID().toString(),
                team,
                1L,
                "Team",
                DateTimeUtils.formatInstant(java.time.Instant.now()),
                "com.controlpanel.provisioning.domain.api.TeamRenamed",
                "0",
                oldPayload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                org);

        JsonNode history =
                api.get("/api/orgs/" + org + "/teams/" + team + "/history").json();
        JsonNode renamed = history.get(1);
        assertThat(renamed.get("type").asText()).isEqualTo("TeamRenamed");
        assertThat(renamed.get("storedRevision").asText()).isEqualTo("0");
        assertThat(renamed.get("revision").asText()).isEqualTo("1");
        assertThat(renamed.get("payload").get("previous").asText()).isEqualTo("Before");
        assertThat(renamed.get("payload").get("displayName").asText()).isEqualTo("After");
        assertThat(renamed.get("payload").has("oldName")).isFalse();
        assertThat(renamed.get("actor").get("kind").asText()).isEqualTo("SYSTEM");
    }
}
