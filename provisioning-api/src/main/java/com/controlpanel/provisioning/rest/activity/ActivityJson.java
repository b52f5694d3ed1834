package com.controlpanel.provisioning.rest.activity;

import com.controlpanel.provisioning.activity.ActivityRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** One row of Activity > Actions as the JSON API shows it. */
public record ActivityJson(
        long position,
        String eventId,
        Instant occurredAt,
        Actor actor,
        String requestId,
        String client,
        String action,
        Subject subject,
        String relatedId,
        String summary,
        JsonNode details) {

    /** Who acted. */
    public record Actor(String kind, String id, String name) {}

    /** On what: a member, a team or the organization, with its name at the time. */
    public record Subject(String type, String id, String name) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ActivityJson of(ActivityRow row) {
        JsonNode details;
        try {
            details = JSON.readTree(row.details());
        } catch (Exception e) {
            details = JSON.getNodeFactory().textNode(row.details());
        }
        return new ActivityJson(
                row.position(),
                row.eventId(),
                row.occurredAt(),
                new Actor(row.actorKind(), row.actorId(), row.actorName()),
                row.requestId(),
                row.client(),
                row.action(),
                new Subject(row.subjectType(), row.subjectId(), row.subjectName()),
                row.relatedId(),
                row.summary(),
                details);
    }
}
