package com.controlpanel.provisioning.rest.teams;

import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.directory.TeamSummary;
import java.time.Instant;

/** A team as the JSON API shows it, with its source badge and whether the Control Panel may change it. */
public record TeamJson(
        String id,
        String name,
        String externalId,
        String source,
        boolean readOnly,
        int memberCount,
        Instant createdAt,
        Instant lastModifiedAt,
        long version) {

    public static TeamJson of(TeamSummary summary) {
        TeamRow row = summary.team();
        return new TeamJson(
                row.teamId().value(),
                row.displayName().value(),
                row.externalId(),
                row.source().name(),
                summary.readOnly(),
                row.memberCount(),
                row.createdAt(),
                row.lastModifiedAt(),
                row.version());
    }
}
