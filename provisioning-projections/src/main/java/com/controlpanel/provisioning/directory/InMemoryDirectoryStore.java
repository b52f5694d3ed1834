package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The directory folded in memory: the state as of an instant, or a rebuild before it is written out. */
final class InMemoryDirectoryStore implements DirectoryStore {

    private final Map<OrganizationId, OrganizationRow> organizations = new LinkedHashMap<>();
    private final Map<MemberId, MemberRow> members = new LinkedHashMap<>();
    private final Map<TeamId, TeamRow> teams = new LinkedHashMap<>();
    private final Map<TeamId, Map<MemberId, Instant>> membersByTeam = new HashMap<>();
    private final Map<MemberId, Set<TeamId>> teamsByMember = new HashMap<>();

    @Override
    public Optional<OrganizationRow> organization(OrganizationId organizationId) {
        return Optional.ofNullable(organizations.get(organizationId));
    }

    @Override
    public void putOrganization(OrganizationRow row) {
        organizations.put(row.organizationId(), row);
    }

    @Override
    public Optional<MemberRow> member(MemberId memberId) {
        return Optional.ofNullable(members.get(memberId));
    }

    @Override
    public void insertMember(MemberRow row) {
        members.put(row.memberId(), row);
    }

    @Override
    public void updateMember(MemberRow row) {
        members.put(row.memberId(), row);
    }

    @Override
    public void updateMemberProfile(MemberRow row) {
        members.put(row.memberId(), row);
    }

    @Override
    public void deleteMember(MemberId memberId) {
        members.remove(memberId);
        teamsByMember.remove(memberId);
    }

    @Override
    public Optional<TeamRow> team(TeamId teamId) {
        return Optional.ofNullable(teams.get(teamId));
    }

    @Override
    public void insertTeam(TeamRow row) {
        teams.put(row.teamId(), row);
    }

    @Override
    public void updateTeam(TeamRow row) {
        teams.put(row.teamId(), row);
    }

    @Override
    public void deleteTeam(TeamId teamId) {
        teams.remove(teamId);
        Map<MemberId, Instant> former = membersByTeam.remove(teamId);
        if (former != null) {
            for (MemberId memberId : former.keySet()) {
                Set<TeamId> memberTeams = teamsByMember.get(memberId);
                if (memberTeams != null) {
                    memberTeams.remove(teamId);
                }
            }
        }
    }

    @Override
    public boolean addMembership(OrganizationId organizationId, TeamId teamId, MemberId memberId, Instant at) {
        Map<MemberId, Instant> teamMembers = membersByTeam.computeIfAbsent(teamId, id -> new LinkedHashMap<>());
        if (teamMembers.containsKey(memberId)) {
            return false;
        }
        teamMembers.put(memberId, at);
        teamsByMember.computeIfAbsent(memberId, id -> new LinkedHashSet<>()).add(teamId);
        return true;
    }

    @Override
    public boolean removeMembership(TeamId teamId, MemberId memberId) {
        Map<MemberId, Instant> teamMembers = membersByTeam.get(teamId);
        if (teamMembers == null || teamMembers.remove(memberId) == null) {
            return false;
        }
        Set<TeamId> memberTeams = teamsByMember.get(memberId);
        if (memberTeams != null) {
            memberTeams.remove(teamId);
        }
        return true;
    }

    @Override
    public List<TeamId> teamsOf(MemberId memberId) {
        return new ArrayList<>(teamsByMember.getOrDefault(memberId, Set.of()));
    }

    Collection<OrganizationRow> organizations() {
        return organizations.values();
    }

    Collection<MemberRow> members() {
        return members.values();
    }

    Collection<TeamRow> teams() {
        return teams.values();
    }

    /** Every membership, team by team, with when it began. */
    Map<TeamId, Map<MemberId, Instant>> memberships() {
        return membersByTeam;
    }
}
