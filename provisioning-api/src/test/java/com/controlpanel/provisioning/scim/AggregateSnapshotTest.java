package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An aggregate past the snapshot threshold (250 events) is snapshotted, and loads from its snapshot with its whole
 * state: a Group pushed with 260 members is one command of 261 events.
 */
@ApplicationTest
class AggregateSnapshotTest extends ScimTestSupport {

    private static final int MEMBERS = 260;

    @Autowired
    EventStore eventStore;

    @Test
    void aTeamPastTheThresholdIsSnapshottedAndLoadsFromItWithAllItsMembers() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            users.add(createUser(unique("snap" + i)).get("id").asText());
        }
        String group = createGroup("Snapshotted", users.toArray(String[]::new))
                .get("id")
                .asText();

        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        Integer.class,
                        group))
                .isEqualTo(1);
        DomainEventStream stream = eventStore.readEvents(group);
        DomainEventMessage<?> first = stream.next();
        assertThat(first.getPayloadType().getSimpleName())
                .as("read from its snapshot")
                .isEqualTo("Team");
        assertThat(first.getSequenceNumber()).isEqualTo(MEMBERS);
        assertThat(memberIds(first.getPayload())).hasSize(MEMBERS);

        // loaded from the snapshot: a member already in is no change, one removed and added back is
        long events = eventCount();
        var again = patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", users.get(1))))));
        assertThat(again.status()).as(again.toString()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(events);
        var removed =
                patch("/Groups/" + group, patchOp(op("remove", "members[value eq \"" + users.get(0) + "\"]", null)));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        JsonNode members = get("/Groups/" + group).json().get("members");
        assertThat(members).hasSize(MEMBERS - 1);
        assertThat(members.findValuesAsText("value")).doesNotContain(users.get(0));

        // a snapshot records the form of the aggregate it was taken of; one of another form is passed over, and the
        // events are folded instead
        assertThat(jdbc.queryForObject(
                        "SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        group))
                .isEqualTo("1");
        jdbc.update("UPDATE snapshot_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ?", group);
        assertThat(eventStore.readEvents(group).next().getPayloadType().getSimpleName())
                .isEqualTo("TeamProvisioned");
        var back = patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", users.get(0))))));
        assertThat(back.status()).as(back.toString()).isEqualTo(204);
        assertThat(get("/Groups/" + group).json().get("members")).hasSize(MEMBERS);
    }

    private static Collection<?> memberIds(Object team) throws ReflectiveOperationException {
        Field field = team.getClass().getDeclaredField("memberIds");
        field.setAccessible(true);
        return (Collection<?>) field.get(team);
    }
}
