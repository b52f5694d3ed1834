package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** SCIM: the member's whole profile and active flag as the identity provider now has them (PUT, or a PATCH applied). A null expectedVersion skips the version check. */
public record ReplaceProvisionedMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        MemberProfile profile,
        boolean active,
        @TargetAggregateVersion Long expectedVersion)
        implements OrganizationCommand {}
