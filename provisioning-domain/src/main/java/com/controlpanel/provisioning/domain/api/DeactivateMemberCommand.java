package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: deactivate a member. */
public record DeactivateMemberCommand(
        @TargetAggregateIdentifier MemberId memberId, OrganizationId organizationId) implements OrganizationCommand {}
