package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import java.time.Instant;

/** A member as the directory read model holds it; {@code version} is the member aggregate's last sequence number. */
public record MemberRow(
        MemberId memberId,
        OrganizationId organizationId,
        Source source,
        boolean active,
        MemberProfile profile,
        Instant createdAt,
        Instant lastModifiedAt,
        long version) {

    public MemberStatus status() {
        if (!active) {
            return MemberStatus.DEACTIVATED;
        }
        return source == Source.MANUAL ? MemberStatus.INVITED : MemberStatus.ACTIVE;
    }

    MemberRow withProfile(MemberProfile newProfile, Instant at, long newVersion) {
        return new MemberRow(memberId, organizationId, source, active, newProfile, createdAt, at, newVersion);
    }

    MemberRow withSource(Source newSource, Instant at, long newVersion) {
        return new MemberRow(memberId, organizationId, newSource, active, profile, createdAt, at, newVersion);
    }

    MemberRow withActive(boolean newActive, Instant at, long newVersion) {
        return new MemberRow(memberId, organizationId, source, newActive, profile, createdAt, at, newVersion);
    }
}
