package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let an admin account manage the organization. */
public record GrantOrganizationAdminCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, AdminId adminId, String email)
        implements OrganizationCommand {}
