package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** An admin account no longer manages this organization (the account itself stays, with any other organization). */
@Revision("1")
public record OrganizationAdminRevoked(OrganizationId organizationId, AdminId adminId, String email)
        implements OrganizationEvent {}
