package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch user provisioning on and issue its first secret token (only the hash travels). */
public record EnableProvisioningCommand(
        @TargetAggregateIdentifier OrganizationId organizationId, CredentialId credentialId, SecretTokenHash tokenHash)
        implements OrganizationCommand {}
