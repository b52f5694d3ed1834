package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: rename a team. */
public record RenameTeamCommand(@TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId, TeamName name)
        implements OrganizationCommand {}
