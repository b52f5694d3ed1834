package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: remove a member from a team. */
public record RemoveMemberFromTeamCommand(
        @TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId, MemberId memberId)
        implements OrganizationCommand {}
