package com.controlpanel.provisioning.history;

import com.controlpanel.provisioning.domain.api.Actor;
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
        Object payload) {}
