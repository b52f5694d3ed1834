package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A team was deleted; its members stay members of the organization. */
@Revision("1")
public record TeamDeleted(OrganizationId organizationId, TeamId teamId) implements TeamEvent {}
