package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A new secret token was issued (only its hash is recorded); the previous one stopped working. */
@Revision("1")
public record ProvisioningCredentialsIssued(
        OrganizationId organizationId, CredentialId credentialId, SecretTokenHash tokenHash)
        implements OrganizationEvent {}
