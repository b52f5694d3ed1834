package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A team's display name changed; the previous name is free again. */
@Revision("1")
public record TeamRenamed(OrganizationId organizationId, TeamId teamId, TeamName previous, TeamName displayName)
        implements TeamEvent {}
