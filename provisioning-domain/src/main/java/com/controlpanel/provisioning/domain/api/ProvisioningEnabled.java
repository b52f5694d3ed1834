package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** User provisioning was switched on: the Tenant URL accepts the current secret token. */
@Revision("1")
public record ProvisioningEnabled(OrganizationId organizationId, TenantId tenantId) implements OrganizationEvent {}
