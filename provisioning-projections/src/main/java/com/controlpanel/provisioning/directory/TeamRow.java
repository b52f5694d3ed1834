package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import java.time.Instant;

/**
 * A team as the directory read model holds it; {@code version} is the team aggregate's last sequence number,
 * {@code membersDigest} the {@link ShownDigests digest} of who its members are.
 */
public record TeamRow(
        TeamId teamId,
        OrganizationId organizationId,
        Source source,
        TeamName displayName,
        String externalId,
        int memberCount,
        Instant createdAt,
        Instant lastModifiedAt,
        long version,
        long membersDigest) {

    TeamRow touched(Instant at, long newVersion) {
        return with(displayName, externalId, memberCount, at, newVersion, membersDigest);
    }

    TeamRow withName(TeamName name, Instant at, long newVersion) {
        return with(name, externalId, memberCount, at, newVersion, membersDigest);
    }

    TeamRow withSource(Source newSource, Instant at, long newVersion) {
        return new TeamRow(
                teamId,
                organizationId,
                newSource,
                displayName,
                externalId,
                memberCount,
                createdAt,
                at,
                newVersion,
                membersDigest);
    }

    TeamRow withExternalId(String newExternalId, Instant at, long newVersion) {
        return with(displayName, newExternalId, memberCount, at, newVersion, membersDigest);
    }

    TeamRow withMembersDigest(long digest) {
        return with(displayName, externalId, memberCount, lastModifiedAt, version, digest);
    }

    TeamRow withMemberCount(int count) {
        return with(displayName, externalId, count, lastModifiedAt, version, membersDigest);
    }

    private TeamRow with(TeamName name, String external, int count, Instant modified, long newVersion, long digest) {
        return new TeamRow(
                teamId, organizationId, source, name, external, count, createdAt, modified, newVersion, digest);
    }
}
