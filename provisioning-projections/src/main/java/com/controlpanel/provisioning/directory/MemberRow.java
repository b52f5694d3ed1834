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

    /** The longest label the directory keeps and shows. */
    static final int LABEL_LENGTH = 256;

    public MemberStatus status() {
        if (!active) {
            return MemberStatus.DEACTIVATED;
        }
        return source == Source.MANUAL ? MemberStatus.INVITED : MemberStatus.ACTIVE;
    }

    /** The name the directory shows for this member (a team's member list, the Control Panel), as it keeps it. */
    public String label() {
        String label = profile.label();
        return label.length() <= LABEL_LENGTH ? label : label.substring(0, LABEL_LENGTH);
    }

    MemberRow withProfile(MemberProfile newProfile, Instant at, long newVersion) {
        return new MemberRow(memberId, organizationId, source, active, newProfile, createdAt, at, newVersion);
    }

    MemberRow withActive(boolean newActive, Instant at, long newVersion) {
        return new MemberRow(memberId, organizationId, source, newActive, profile, createdAt, at, newVersion);
    }
}
