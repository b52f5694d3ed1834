package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: delete a team; its members stay. */
public record DeleteTeamCommand(@TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId)
        implements OrganizationCommand {}
