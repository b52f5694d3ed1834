package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create an organization with its (future) SCIM tenant id. */
public record CreateOrganizationCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, String name, TenantId tenantId)
        implements OrganizationCommand {

    public CreateOrganizationCommand {
        name = Text.required(name, "organization name", 200);
    }
}
