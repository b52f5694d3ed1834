package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A new secret token was issued (only its hash is recorded); the previous one stopped working.
 *
 * @param previousCredentialId the token this one revoked: null when none worked (the first token, or the first after
 *     provisioning was switched off, which had revoked it already), and in events recorded before revision 2, which
 *     did not say (an upcaster gives them a null)
 */
@Revision("2")
public record ProvisioningCredentialsIssued(
        OrganizationId organizationId,
        CredentialId credentialId,
        SecretTokenHash tokenHash,
        CredentialId previousCredentialId)
        implements OrganizationEvent {}
