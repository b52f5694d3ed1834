package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.MemberState;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.directory.OrganizationState;
import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.directory.TeamState;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.ui.layout.Avatar;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.TeamChip;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The organization as it was at an instant, as the Control Panel shows it: its settings then, counts, and one page of
 * its members and of its teams, with the memberships of that time.
 */
public record AsOfView(
        String precise,
        String iso,
        long eventsApplied,
        boolean existed,
        String organizationName,
        boolean provisioningOn,
        long memberCount,
        long oktaMembers,
        long deactivatedMembers,
        long teamCount,
        List<MemberThen> members,
        List<TeamThen> teams) {

    /** A member then: who, status and source then, and the teams it was in. */
    public record MemberThen(
            String id,
            String label,
            String email,
            Avatar avatar,
            boolean okta,
            String status,
            String statusClass,
            List<TeamChip> teams) {}

    /** A team then, with how many members it had. */
    public record TeamThen(String id, String name, Avatar avatar, boolean okta, int members, String externalId) {

        public String membersLabel() {
            return members == 1 ? "1 member" : members + " members";
        }
    }

    public static AsOfView of(OrganizationState state, int memberOffset, int teamOffset, int pageSize) {
        OrganizationRow organization = state.organization();
        // in the state's order of the teams, which is by name as the lists sort them
        Map<TeamId, TeamChip> chips = new LinkedHashMap<>();
        for (TeamState team : state.teams()) {
            TeamRow row = team.team();
            chips.put(
                    row.teamId(),
                    new TeamChip(row.teamId().value(), row.displayName().value(), row.source() == Source.OKTA));
        }
        List<MemberThen> members = state.members().stream()
                .skip(memberOffset)
                .limit(pageSize)
                .map(member -> member(member, chips))
                .toList();
        List<TeamThen> teams = state.teams().stream()
                .skip(teamOffset)
                .limit(pageSize)
                .map(AsOfView::team)
                .toList();
        return new AsOfView(
                Dates.precise(state.at()),
                Dates.iso(state.at()),
                state.eventsApplied(),
                organization != null,
                organization == null ? "" : organization.name(),
                organization != null && organization.provisioningEnabled(),
                state.members().size(),
                state.members().stream()
                        .filter(member -> member.member().source() == Source.OKTA)
                        .count(),
                state.members().stream()
                        .filter(member -> !member.member().active())
                        .count(),
                state.teams().size(),
                members,
                teams);
    }

    private static MemberThen member(MemberState state, Map<TeamId, TeamChip> chips) {
        MemberRow row = state.member();
        MemberStatus status = row.status();
        String name = status.name().toLowerCase(Locale.ROOT);
        return new MemberThen(
                row.memberId().value(),
                row.profile().label(),
                row.profile().email() == null
                        ? row.profile().userName().value()
                        : row.profile().email(),
                Avatar.of(row.memberId().value(), row.profile().label(), row.source()),
                row.source() == Source.OKTA,
                Character.toUpperCase(name.charAt(0)) + name.substring(1),
                "status-" + name,
                chipsOf(state.teamIds(), chips));
    }

    /** A member's teams in the order of the state's teams (by name), not of their ids. */
    private static List<TeamChip> chipsOf(List<TeamId> teamIds, Map<TeamId, TeamChip> chips) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        Set<TeamId> of = new HashSet<>(teamIds);
        return chips.entrySet().stream()
                .filter(entry -> of.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static TeamThen team(TeamState state) {
        TeamRow row = state.team();
        return new TeamThen(
                row.teamId().value(),
                row.displayName().value(),
                Avatar.of(row.teamId().value(), row.displayName().value(), row.source()),
                row.source() == Source.OKTA,
                state.memberIds().size(),
                row.externalId());
    }
}
