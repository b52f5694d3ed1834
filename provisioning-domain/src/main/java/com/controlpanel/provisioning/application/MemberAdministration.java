package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.AddMemberToTeamCommand;
import com.controlpanel.provisioning.domain.api.DeactivateMemberCommand;
import com.controlpanel.provisioning.domain.api.EditMemberCommand;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.domain.api.InviteMemberCommand;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ReactivateMemberCommand;
import com.controlpanel.provisioning.domain.api.RemoveMemberCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.util.LinkedHashSet;
import java.util.Set;

/** What an admin does to members by hand, through the Control Panel or the JSON API. */
public class MemberAdministration {

    private final Commands commands;
    private final MemberDeletion deletion;

    public MemberAdministration(Commands commands, MemberDeletion deletion) {
        this.commands = commands;
        this.deletion = deletion;
    }

    /**
     * Invites a member and puts it in the chosen teams. The invitation checks every team first (each must be a manual
     * team of the organization, rule 3), so a bad choice refuses the whole invitation. A team deleted by someone else
     * between that check and the member's joining it is passed over: the member is invited, as if the deletion had come
     * just after (a refusal then would have been untrue: the member exists). So is a team Okta took over in that
     * instant: a member invited here can not join it any more (rule 3).
     */
    public MemberId invite(
            CommandContext context,
            OrganizationId organizationId,
            String email,
            PersonName name,
            String displayName,
            Set<TeamId> teams) {
        MemberId memberId = MemberId.random();
        Set<TeamId> teamIds = teams == null ? Set.of() : new LinkedHashSet<>(teams);
        commands.send(
                context,
                new InviteMemberCommand(
                        memberId, organizationId, MemberProfile.invited(email, name, displayName), teamIds));
        for (TeamId teamId : teamIds) {
            try {
                commands.send(context, new AddMemberToTeamCommand(teamId, organizationId, memberId));
            } catch (RuntimeException e) {
                if (!MemberDeletion.deleted(e) && !takenOverByOkta(e)) {
                    throw e;
                }
            }
        }
        return memberId;
    }

    /**
     * Whether joining a team failed because Okta took it over since the invitation checked it was a manual team: it is
     * managed in Okta, or (provisioning switched off meanwhile) a team of Okta's that takes no member invited here.
     */
    private static boolean takenOverByOkta(Throwable failure) {
        return Causes.any(
                failure,
                cause -> cause instanceof RuleViolationException refusal
                        && (refusal.errorCode() == ErrorCode.MANAGED_BY_IDENTITY_PROVIDER
                                || refusal.errorCode() == ErrorCode.MANUAL_MEMBER_IN_PROVISIONED_TEAM));
    }

    public void edit(
            CommandContext context,
            OrganizationId organizationId,
            MemberId memberId,
            String email,
            PersonName name,
            String displayName,
            Long expectedVersion) {
        edit(context, organizationId, memberId, email, name, displayName, null, expectedVersion);
    }

    /** Changes the profile and whether the member is active in one command: one version check, all or nothing. */
    public void edit(
            CommandContext context,
            OrganizationId organizationId,
            MemberId memberId,
            String email,
            PersonName name,
            String displayName,
            Boolean active,
            Long expectedVersion) {
        commands.send(
                context,
                new EditMemberCommand(memberId, organizationId, email, name, displayName, active, expectedVersion));
    }

    public void setActive(CommandContext context, OrganizationId organizationId, MemberId memberId, boolean active) {
        commands.send(
                context,
                active
                        ? new ReactivateMemberCommand(memberId, organizationId)
                        : new DeactivateMemberCommand(memberId, organizationId));
    }

    public void remove(CommandContext context, OrganizationId organizationId, MemberId memberId) {
        deletion.delete(context, organizationId, memberId, new RemoveMemberCommand(memberId, organizationId));
    }
}
