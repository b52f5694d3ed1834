package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** SCIM: delete a provisioned member. */
public record DeprovisionMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        @TargetAggregateVersion Long expectedVersion)
        implements OrganizationCommand {}
