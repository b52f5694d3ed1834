package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** The identity provider's id for a team changed. */
@Revision("1")
public record TeamExternalIdChanged(OrganizationId organizationId, TeamId teamId, String previous, String externalId)
        implements TeamEvent {}
