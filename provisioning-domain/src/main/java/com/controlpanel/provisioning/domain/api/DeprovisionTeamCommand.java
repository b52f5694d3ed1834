package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** SCIM: delete a pushed team; its members stay. */
public record DeprovisionTeamCommand(
        @TargetAggregateIdentifier TeamId teamId,
        OrganizationId organizationId,
        @TargetAggregateVersion Long expectedVersion)
        implements OrganizationCommand {}
