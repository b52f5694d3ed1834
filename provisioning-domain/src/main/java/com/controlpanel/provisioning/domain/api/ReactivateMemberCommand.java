package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: reactivate a deactivated member. */
public record ReactivateMemberCommand(
        @TargetAggregateIdentifier MemberId memberId, OrganizationId organizationId) implements OrganizationCommand {}
