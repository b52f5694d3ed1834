package com.controlpanel.provisioning.domain.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** SCIM: changes to a pushed team, applied in order and all or nothing (a PATCH or PUT). A null expectedVersion skips the version check. */
public record UpdateProvisionedTeamCommand(
        @TargetAggregateIdentifier TeamId teamId,
        OrganizationId organizationId,
        List<TeamChange> changes,
        @TargetAggregateVersion Long expectedVersion)
        implements OrganizationCommand {

    public UpdateProvisionedTeamCommand {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
