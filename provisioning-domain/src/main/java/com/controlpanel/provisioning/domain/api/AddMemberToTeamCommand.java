package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: add a member to a team (rules 1, 3 and 4 decide). */
public record AddMemberToTeamCommand(
        @TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId, MemberId memberId)
        implements OrganizationCommand {}
