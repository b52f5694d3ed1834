package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import java.time.Instant;

/** A team as the directory read model holds it; {@code version} is the team aggregate's last sequence number. */
public record TeamRow(
        TeamId teamId,
        OrganizationId organizationId,
        Source source,
        TeamName displayName,
        String externalId,
        int memberCount,
        Instant createdAt,
        Instant lastModifiedAt,
        long version) {

    TeamRow touched(Instant at, long newVersion) {
        return new TeamRow(
                teamId, organizationId, source, displayName, externalId, memberCount, createdAt, at, newVersion);
    }

    TeamRow withName(TeamName name, Instant at, long newVersion) {
        return new TeamRow(teamId, organizationId, source, name, externalId, memberCount, createdAt, at, newVersion);
    }

    TeamRow withExternalId(String newExternalId, Instant at, long newVersion) {
        return new TeamRow(
                teamId, organizationId, source, displayName, newExternalId, memberCount, createdAt, at, newVersion);
    }

    TeamRow withMemberCount(int count) {
        return new TeamRow(
                teamId, organizationId, source, displayName, externalId, count, createdAt, lastModifiedAt, version);
    }
}
