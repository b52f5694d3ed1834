package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ReleaseDeletedMemberCommand;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a member (over SCIM or by an admin), then has each team it was in record that it left, so that a team's
 * own history and its Activity rows do not show someone join and never leave. The deletion is the command that
 * counts: once it is stored, the member is gone from every list, and a team's record of it leaving follows in a
 * command of its own (one aggregate each). A team that can not record it (deleted meanwhile, or the store failing
 * between the two) is passed over and logged: the member is deleted all the same.
 */
public class MemberDeletion {

    private static final Logger log = LoggerFactory.getLogger(MemberDeletion.class);

    private final Commands commands;

    public MemberDeletion(Commands commands) {
        this.commands = commands;
    }

    /**
     * Sends the deletion command of this member, then a {@link ReleaseDeletedMemberCommand} to each of its teams: those
     * the deletion answers, read in its own transaction (a team that added the member while the deletion was on its
     * way is among them).
     */
    public void delete(CommandContext context, OrganizationId organizationId, MemberId memberId, Object deletion) {
        List<TeamId> answered = commands.send(context, deletion);
        List<TeamId> teams = answered == null ? List.of() : answered;
        for (TeamId teamId : teams) {
            try {
                commands.send(context, new ReleaseDeletedMemberCommand(teamId, organizationId, memberId));
            } catch (RuntimeException e) {
                if (!deleted(e)) {
                    log.warn("Member {} was deleted, but team {} could not record that it left", memberId, teamId, e);
                }
            }
        }
    }

    /** Whether a command failed because its aggregate is deleted (or, never having existed, not found). */
    static boolean deleted(Throwable failure) {
        return Causes.find(failure, AggregateNotFoundException.class).isPresent();
    }
}
