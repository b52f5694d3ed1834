package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** User provisioning was switched off: every SCIM call is refused and the token is revoked. */
@Revision("1")
public record ProvisioningDisabled(OrganizationId organizationId) implements OrganizationEvent {}
