package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** An organization has another name; the previous one is kept for the audit trail. */
@Revision("1")
public record OrganizationRenamed(OrganizationId organizationId, String previous, String name)
        implements OrganizationEvent {}
