package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.member.MemberAggregate;
import com.controlpanel.provisioning.domain.organization.OrganizationAggregate;
import com.controlpanel.provisioning.domain.team.TeamAggregate;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * On H2 the aggregates stay in memory between commands. A change the store refuses at commit (after the aggregate
 * applied it) must not stay in the aggregate kept: the next command starts from what is stored.
 */
@ApplicationTest
class AggregateCacheTest extends ScimTestSupport {

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    DataSourceProperties dataSource;

    @Test
    void aggregatesAreKeptInMemoryOnlyWhereNoOtherProcessWritesTheStore() {
        boolean h2 = dataSource.determineUrl().startsWith("jdbc:h2:");
        for (Class<?> type : List.of(MemberAggregate.type(), TeamAggregate.type(), OrganizationAggregate.type())) {
            assertThat(axon.repository(type) instanceof CachingEventSourcingRepository)
                    .as("%s kept in memory on %s", type.getSimpleName(), dataSource.determineUrl())
                    .isEqualTo(h2);
        }
    }

    @Test
    void aChangeRefusedAtCommitIsForgottenByTheAggregateKeptInMemory() {
        String id = createUser(unique("kept")).get("id").asText();
        assertThat(patch("/Users/" + id, patchOp(op("replace", "title", "Before")))
                        .status())
                .isEqualTo(200);
        // a rule of the store the aggregate does not know: the directory's row refuses this display name at commit
        List<String> slots = List.of("a", "b");
        for (String slot : slots) {
            jdbc.execute("ALTER TABLE dir_member_" + slot + " ADD CONSTRAINT refused_at_commit_" + slot
                    + " CHECK (display_name IS NULL OR display_name <> 'Refused at commit')");
        }
        try {
            var refused = patch("/Users/" + id, patchOp(op("replace", "displayName", "Refused at commit")));
            assertThat(refused.status()).as(refused.toString()).isGreaterThanOrEqualTo(500);
        } finally {
            for (String slot : slots) {
                jdbc.execute("ALTER TABLE dir_member_" + slot + " DROP CONSTRAINT refused_at_commit_" + slot);
            }
        }

        var next = patch("/Users/" + id, patchOp(op("replace", "title", "After")));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("displayName").asText()).isNotEqualTo("Refused at commit");

        JsonNode history =
                admin.get("/api/orgs/" + org + "/members/" + id + "/history").json();
        List<Long> sequence = new ArrayList<>();
        history.forEach(event -> sequence.add(event.get("sequenceNumber").asLong()));
        assertThat(sequence).as("no gap where the refused change was").containsExactly(0L, 1L, 2L);
        JsonNode last = history.get(history.size() - 1).get("payload");
        assertThat(last.get("previous").path("displayName").asText()).isNotEqualTo("Refused at commit");
        assertThat(last.get("previous").get("attributes").get("title").asText()).isEqualTo("Before");
        assertThat(last.get("profile").get("attributes").get("title").asText()).isEqualTo("After");
    }
}
