package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member joined a team. */
@Revision("1")
public record MemberAddedToTeam(OrganizationId organizationId, TeamId teamId, MemberId memberId) implements TeamEvent {}
