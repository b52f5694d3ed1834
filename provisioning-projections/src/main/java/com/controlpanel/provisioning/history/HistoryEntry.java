package com.controlpanel.provisioning.history;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of a member's, team's or organization's history: when, who, what, and the payload in its current shape
 * ({@code revision}), whatever revision it was stored with ({@code storedRevision}).
 */
public record HistoryEntry(
        long position,
        long sequenceNumber,
        String eventId,
        String type,
        String storedRevision,
        String revision,
        Instant occurredAt,
        Actor actor,
        String requestId,
        String client,
        Object payload) {

    private static final ObjectMapper JSON = EventJson.events();

    /**
     * The payload as JSON, as an admin or a script may see it: the hash of a Secret Token is not shown (the token
     * never expires; its hash is what a stolen copy would be checked against), as in Activity > Actions.
     */
    public JsonNode shownPayload() {
        JsonNode tree = JSON.valueToTree(payload);
        if (tree instanceof ObjectNode object && object.has("tokenHash")) {
            object.put("tokenHash", "(not shown)");
        }
        return tree;
    }
}
