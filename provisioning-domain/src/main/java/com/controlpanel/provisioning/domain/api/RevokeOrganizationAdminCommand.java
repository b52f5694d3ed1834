package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop an admin account from managing the organization; its last admin stays. */
public record RevokeOrganizationAdminCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, AdminId adminId) implements OrganizationCommand {}
