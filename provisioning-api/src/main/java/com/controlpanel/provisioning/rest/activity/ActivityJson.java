package com.controlpanel.provisioning.rest.activity;

import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.domain.api.Source;
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

    /**
     * On what: a member, a team or the organization, with its name at the time, and where a member or team came from
     * ({@code OKTA} or {@code MANUAL}, also once it is gone; null for the organization).
     */
    public record Subject(String type, String id, String name, Source source) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param subjectSource where the member or team the row is about came from; null for the organization */
    public static ActivityJson of(ActivityRow row, Source subjectSource) {
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
                new Subject(row.subjectType(), row.subjectId(), row.subjectName(), subjectSource),
                row.relatedId(),
                row.summary(),
                details);
    }
}
