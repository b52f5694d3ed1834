package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** An admin account may now manage this organization. */
@Revision("1")
public record OrganizationAdminGranted(OrganizationId organizationId, AdminId adminId, String email)
        implements OrganizationEvent {}
