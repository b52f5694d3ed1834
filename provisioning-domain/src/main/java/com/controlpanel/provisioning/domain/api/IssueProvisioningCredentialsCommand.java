package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue a new secret token (regenerate); the previous one stops working at once. */
public record IssueProvisioningCredentialsCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, CredentialId credentialId, SecretTokenHash tokenHash)
        implements OrganizationCommand {}
