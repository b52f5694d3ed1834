package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an organization another name; its id, tenant, members, teams and Activity stay as they are. */
public record RenameOrganizationCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, String name) implements OrganizationCommand {

    public RenameOrganizationCommand {
        name = CreateOrganizationCommand.checkedName(name);
    }
}
