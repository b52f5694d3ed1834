package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** An organization now exists, with the tenant id its SCIM Tenant URL will use. */
@Revision("1")
public record OrganizationCreated(OrganizationId organizationId, String name, TenantId tenantId)
        implements OrganizationEvent {}
