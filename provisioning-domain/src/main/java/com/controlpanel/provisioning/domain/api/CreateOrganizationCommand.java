package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create an organization with its (future) SCIM tenant id. */
public record CreateOrganizationCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, String name, TenantId tenantId)
        implements OrganizationCommand {

    public CreateOrganizationCommand {
        name = checkedName(name);
    }

    /** An organization's name as every command takes it: required, at most 200 characters, no control characters. */
    public static String checkedName(String name) {
        return Text.required(name, "organization name", 200);
    }
}
