package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the operator gives one of the organization's admins a new password, before it is stored; the account is
 * named by the email it has now.
 */
public record RecordAdminPasswordGivenCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, AdminId adminId, String email)
        implements OrganizationCommand {}
