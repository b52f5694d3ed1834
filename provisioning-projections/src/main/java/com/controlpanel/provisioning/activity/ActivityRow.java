package com.controlpanel.provisioning.activity;

import java.time.Instant;

/**
 * One line of Activity > Actions: an event as an auditor reads it. {@code position} is the event's place in the
 * store (newest first = highest first); {@code details} is a JSON object (what changed, before and after).
 */
public record ActivityRow(
        long position,
        String eventId,
        String organizationId,
        Instant occurredAt,
        String actorKind,
        String actorId,
        String actorName,
        String requestId,
        String client,
        String action,
        String subjectType,
        String subjectId,
        String subjectName,
        String relatedId,
        String summary,
        String details) {}
