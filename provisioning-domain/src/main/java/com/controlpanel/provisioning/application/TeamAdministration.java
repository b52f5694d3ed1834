package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.AddMemberToTeamCommand;
import com.controlpanel.provisioning.domain.api.CreateTeamCommand;
import com.controlpanel.provisioning.domain.api.DeleteTeamCommand;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.RemoveMemberFromTeamCommand;
import com.controlpanel.provisioning.domain.api.RenameTeamCommand;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;

/** What an admin does to teams by hand, through the Control Panel or the JSON API. */
public class TeamAdministration {

    private final Commands commands;

    public TeamAdministration(Commands commands) {
        this.commands = commands;
    }

    public TeamId create(CommandContext context, OrganizationId organizationId, String name) {
        TeamId teamId = TeamId.random();
        commands.send(context, new CreateTeamCommand(teamId, organizationId, new TeamName(name)));
        return teamId;
    }

    public void rename(CommandContext context, OrganizationId organizationId, TeamId teamId, String name) {
        commands.send(context, new RenameTeamCommand(teamId, organizationId, new TeamName(name)));
    }

    public void delete(CommandContext context, OrganizationId organizationId, TeamId teamId) {
        commands.send(context, new DeleteTeamCommand(teamId, organizationId));
    }

    public void addMember(CommandContext context, OrganizationId organizationId, TeamId teamId, MemberId memberId) {
        commands.send(context, new AddMemberToTeamCommand(teamId, organizationId, memberId));
    }

    public void removeMember(CommandContext context, OrganizationId organizationId, TeamId teamId, MemberId memberId) {
        commands.send(context, new RemoveMemberFromTeamCommand(teamId, organizationId, memberId));
    }
}
