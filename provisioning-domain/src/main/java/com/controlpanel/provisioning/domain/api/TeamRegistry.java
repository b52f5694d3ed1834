package com.controlpanel.provisioning.domain.api;

import java.util.Optional;

/** Port: the command side's own lookup of an organization's teams, for unique names and the invite team picker. */
public interface TeamRegistry {

    Optional<RegisteredTeam> find(OrganizationId organizationId, TeamId teamId);

    /**
     * The team using this display name, compared case-insensitively; where two do, the one holding the key first (as
     * for userNames).
     */
    Optional<TeamId> findByName(OrganizationId organizationId, TeamName name);

    /** What an invitation needs to know of a team. */
    record RegisteredTeam(TeamId teamId, Source source) {}
}
