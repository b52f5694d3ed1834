package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member left a team; the member itself is untouched. */
@Revision("1")
public record MemberRemovedFromTeam(OrganizationId organizationId, TeamId teamId, MemberId memberId)
        implements TeamEvent {}
