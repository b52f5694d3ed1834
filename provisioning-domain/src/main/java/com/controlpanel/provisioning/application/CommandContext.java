package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.Actor;
import java.util.Map;
import java.util.UUID;

/** Who is asking, and in which request: recorded with every event the command causes. */
public record CommandContext(Actor actor, String requestId, String client) {

    public CommandContext {
        if (actor == null) {
            throw new IllegalArgumentException("actor is required");
        }
        requestId = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
    }

    public static CommandContext system() {
        return new CommandContext(Actor.SYSTEM, null, null);
    }

    public Map<String, String> metaData() {
        Map<String, String> metaData = new java.util.LinkedHashMap<>(actor.toMetaData());
        metaData.put(Actor.REQUEST_ID, requestId);
        if (client != null && !client.isBlank()) {
            metaData.put(Actor.CLIENT, client.length() > 200 ? client.substring(0, 200) : client);
        }
        return metaData;
    }
}
