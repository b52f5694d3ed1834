package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A team now exists, pushed from Okta or created by an admin (the source says which). */
@Revision("1")
public record TeamProvisioned(
        OrganizationId organizationId, TeamId teamId, Source source, TeamName displayName, String externalId)
        implements TeamEvent {}
