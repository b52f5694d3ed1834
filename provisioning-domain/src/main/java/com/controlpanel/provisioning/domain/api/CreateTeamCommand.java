package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: create a team by hand. */
public record CreateTeamCommand(@TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId, TeamName name)
        implements OrganizationCommand {}
