package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Admin: change a member's email (its userName), name, display name or whether it is active, all at once (one
 * version check, all or nothing); null leaves a field as it is.
 */
public record EditMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        String email,
        PersonName name,
        String displayName,
        Boolean active,
        @TargetAggregateVersion Long expectedVersion)
        implements OrganizationCommand {

    /** A change of the profile only. */
    public EditMemberCommand(
            MemberId memberId,
            OrganizationId organizationId,
            String email,
            PersonName name,
            String displayName,
            Long expectedVersion) {
        this(memberId, organizationId, email, name, displayName, null, expectedVersion);
    }
}
