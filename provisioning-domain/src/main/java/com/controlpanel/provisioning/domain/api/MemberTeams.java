package com.controlpanel.provisioning.domain.api;

import java.util.List;

/** The teams a member of an organization is in now. */
@FunctionalInterface
public interface MemberTeams {

    List<TeamId> teamsOf(OrganizationId organizationId, MemberId memberId);
}
