package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SCIM: create a member pushed by the identity provider. */
public record ProvisionMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        MemberProfile profile,
        boolean active)
        implements OrganizationCommand {}
