package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/**
 * User provisioning was switched off: every SCIM call is refused and the token is revoked.
 *
 * @param credentialId the token that stopped working; null in events recorded before revision 2, which did not say
 *     (an upcaster gives them a null)
 */
@Revision("2")
public record ProvisioningDisabled(OrganizationId organizationId, CredentialId credentialId)
        implements OrganizationEvent {}
