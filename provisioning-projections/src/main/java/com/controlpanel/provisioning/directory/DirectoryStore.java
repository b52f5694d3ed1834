package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the directory's rows live while {@link DirectoryEvolver} applies events to them: the database tables of a
 * slot (live projection, rebuild) or memory (state as of an instant).
 */
interface DirectoryStore {

    Optional<OrganizationRow> organization(OrganizationId organizationId);

    void putOrganization(OrganizationRow row);

    Optional<MemberRow> member(MemberId memberId);

    void insertMember(MemberRow row);

    /** Updates a member whose profile is unchanged (active flag, version, times). */
    void updateMember(MemberRow row);

    /** Updates a member whose profile changed, and what is indexed of it. */
    void updateMemberProfile(MemberRow row);

    void deleteMember(MemberId memberId);

    Optional<TeamRow> team(TeamId teamId);

    void insertTeam(TeamRow row);

    /**
     * Updates what is the team's own (name, external id, last modified, version) from the row, and adds to its member
     * count and {@link TeamRow#membersDigest()}: those are never written from a row read before (a member's deletion
     * changes them in a concurrent transaction).
     */
    void updateTeam(TeamRow row, int memberCountChange, long membersDigestChange);

    /** Adds to a team's member count and {@link TeamRow#membersDigest()} (negative numbers subtract). */
    void addToTeam(TeamId teamId, int memberCountChange, long membersDigestChange);

    void deleteTeam(TeamId teamId);

    /** Adds the membership if absent; returns whether it was added. */
    boolean addMembership(OrganizationId organizationId, TeamId teamId, MemberId memberId, Instant at);

    /** Removes the membership if present; returns whether it was removed. */
    boolean removeMembership(TeamId teamId, MemberId memberId);

    List<TeamId> teamsOf(MemberId memberId);

    /**
     * Once the current transaction has committed, drops the member's memberships if the member is gone by then
     * (counted off its teams). A member deleted while, in another transaction, it is added to a team: neither
     * transaction sees the other's uncommitted rows, so the membership would outlive the member. Both the deletion
     * and the addition ask for this; whichever commits last finds the membership and drops it, as a rebuild (which
     * applies the events one after another) never writes it. A store with no concurrent transactions does nothing.
     */
    void settleMembershipsOf(MemberId memberId);
}
