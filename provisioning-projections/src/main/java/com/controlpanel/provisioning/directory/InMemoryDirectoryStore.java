package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UserName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory folded in memory: the state as of an instant, or a rebuild before it is written out. */
final class InMemoryDirectoryStore implements DirectoryStore {

    /** Whether members keep only what a state as of an instant shows of their profile. */
    private final boolean shownOnly;

    private final Map<OrganizationId, OrganizationRow> organizations = new LinkedHashMap<>();
    private final Map<MemberId, MemberRow> members = new LinkedHashMap<>();
    private final Map<TeamId, TeamRow> teams = new LinkedHashMap<>();
    private final Map<TeamId, Map<MemberId, Instant>> membersByTeam = new HashMap<>();
    /** The teams of each member, in the order it joined them (a member is in a few teams: a list beats a set). */
    private final Map<MemberId, List<TeamId>> teamsByMember = new HashMap<>();

    /** Keeps members' whole profiles (a rebuild writes them out). */
    InMemoryDirectoryStore() {
        this(false);
    }

    private InMemoryDirectoryStore(boolean shownOnly) {
        this.shownOnly = shownOnly;
    }

    /**
     * A store for states as of an instant: of a member's profile it keeps what such a state shows (user name, the
     * name parts its label is made of, the email it shows), so that a hundred thousand members fit in little memory
     * and a kept state stays small. The fold is the same; only the other profile attributes are left out.
     */
    static InMemoryDirectoryStore shownOnly() {
        return new InMemoryDirectoryStore(true);
    }

    /** The part of a profile a state as of an instant shows: same {@code userName()}, {@code label()}, {@code email()}. */
    static MemberProfile shown(MemberProfile profile) {
        PersonName name = profile.name();
        return shownProfile(
                profile.userName().value(),
                profile.displayName(),
                name.formatted(),
                name.familyName(),
                name.givenName(),
                profile.emails().isEmpty() ? null : profile.email());
    }

    /** A profile of what a state as of an instant shows, from its parts (as {@link DirectoryStateCodec} keeps them). */
    static MemberProfile shownProfile(
            String userName, String displayName, String formatted, String familyName, String givenName, String email) {
        PersonName labelParts = formatted == null && familyName == null && givenName == null
                ? PersonName.EMPTY
                : new PersonName(formatted, familyName, givenName, null, null, null);
        return new MemberProfile(
                new UserName(userName),
                labelParts,
                displayName,
                email == null ? List.of() : List.of(new EmailAddress(email, null, true, null)),
                null,
                Map.of());
    }

    private MemberRow kept(MemberRow row) {
        return shownOnly ? row.withProfile(shown(row.profile()), row.lastModifiedAt(), row.version()) : row;
    }

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
        members.put(row.memberId(), kept(row));
    }

    /** A member as a kept state holds it, as it is. */
    void restoreMember(MemberRow row) {
        members.put(row.memberId(), row);
    }

    @Override
    public void updateMember(MemberRow row) {
        members.put(row.memberId(), row);
    }

    @Override
    public void updateMemberProfile(MemberRow row) {
        members.put(row.memberId(), kept(row));
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
    public void updateTeam(TeamRow row, int memberCountChange, long membersDigestChange) {
        TeamRow kept = teams.get(row.teamId());
        if (kept != null) {
            teams.put(
                    row.teamId(),
                    row.withMemberCount(kept.memberCount() + memberCountChange)
                            .withMembersDigest(kept.membersDigest() + membersDigestChange));
        }
    }

    @Override
    public void addToTeam(TeamId teamId, int memberCountChange, long membersDigestChange) {
        teams.computeIfPresent(
                teamId,
                (id, row) -> row.withMemberCount(row.memberCount() + memberCountChange)
                        .withMembersDigest(row.membersDigest() + membersDigestChange));
    }

    @Override
    public void deleteTeam(TeamId teamId) {
        teams.remove(teamId);
        Map<MemberId, Instant> former = membersByTeam.remove(teamId);
        if (former != null) {
            for (MemberId memberId : former.keySet()) {
                List<TeamId> memberTeams = teamsByMember.get(memberId);
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
        teamsByMember.computeIfAbsent(memberId, id -> new ArrayList<>(2)).add(teamId);
        return true;
    }

    @Override
    public boolean removeMembership(TeamId teamId, MemberId memberId) {
        Map<MemberId, Instant> teamMembers = membersByTeam.get(teamId);
        if (teamMembers == null || teamMembers.remove(memberId) == null) {
            return false;
        }
        List<TeamId> memberTeams = teamsByMember.get(memberId);
        if (memberTeams != null) {
            memberTeams.remove(teamId);
        }
        return true;
    }

    @Override
    public List<TeamId> teamsOf(MemberId memberId) {
        return new ArrayList<>(teamsByMember.getOrDefault(memberId, List.of()));
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

    @Override
    public void settleMembershipsOf(MemberId memberId) {
        // folded on one thread, one event after another: a deleted member is never added
    }
}
