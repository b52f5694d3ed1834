package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/**
 * The operator gave an admin of this organization a new password (one who forgot theirs): recorded in each
 * organization the account manages, so that its Activity says who reset whose password and when. Never the password.
 */
@Revision("1")
public record OrganizationAdminPasswordGiven(OrganizationId organizationId, AdminId adminId, String email)
        implements OrganizationEvent {}
