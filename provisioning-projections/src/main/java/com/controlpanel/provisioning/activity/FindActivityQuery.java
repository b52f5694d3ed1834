package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.time.Instant;
import java.util.List;

/**
 * Activity > Actions, newest first. Every filter is optional (null = any): the actor's kind (ADMIN,
 * IDENTITY_PROVIDER, SYSTEM) and id, actions (exact, like {@code member.updated}, or a whole category, like
 * {@code member}), a member or team (as subject, or as the member added to or removed from a team), a time range
 * [from, to). {@code before} is the cursor: only rows older than that position. Answered with an {@link
 * ActivityPage}.
 */
public record FindActivityQuery(
        OrganizationId organizationId,
        String actorKind,
        String actorId,
        List<String> actions,
        String subjectId,
        Instant from,
        Instant to,
        Long before,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public FindActivityQuery {
        actions = actions == null ? List.of() : List.copyOf(actions);
        limit = Math.max(0, Math.min(MAX_LIMIT, limit));
    }

    public static FindActivityQuery latest(OrganizationId organizationId, int limit) {
        return new FindActivityQuery(organizationId, null, null, null, null, null, null, null, limit);
    }

    public FindActivityQuery withBefore(Long cursor) {
        return new FindActivityQuery(organizationId, actorKind, actorId, actions, subjectId, from, to, cursor, limit);
    }
}
