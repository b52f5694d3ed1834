package com.controlpanel.provisioning.domain.api;

import java.util.List;

/** A command that one of the product's rules forbids in the current state. */
public class RuleViolationException extends DomainException {

    private RuleViolationException(ErrorCode code, String message) {
        super(code, message);
    }

    /** Rule 1: provisioned members and teams are read-only in the Control Panel while provisioning is on. */
    public static RuleViolationException managedInOkta(String what) {
        return new RuleViolationException(
                ErrorCode.MANAGED_BY_IDENTITY_PROVIDER,
                "This " + what + " is managed in Okta: edit this " + what
                        + " in Okta, or switch user provisioning off to edit it here");
    }

    /**
     * Rule 3: a member invited by an admin can not join a team pushed from Okta. Named as whoever reads the refusal
     * (Okta's push report, a script) knows them: by userName and team name where known, with their ids.
     *
     * @param userName the member's userName, or null to name it by id only
     * @param team the team, or null for one being created (an id no one can look up: it is named by its name only)
     * @param teamName the team's name, or null to name it by id only
     */
    public static RuleViolationException manualMemberInProvisionedTeam(
            MemberId member, String userName, TeamId team, TeamName teamName) {
        String who = userName == null ? "Member " + member : "Member " + userName + " (" + member + ")";
        String where = team == null
                ? "the new team \"" + teamName.value() + "\""
                : teamName == null ? "team " + team : "team \"" + teamName.value() + "\" (" + team + ")";
        return new RuleViolationException(
                ErrorCode.MANUAL_MEMBER_IN_PROVISIONED_TEAM,
                who + " was invited in the Control Panel and can not be added to " + where
                        + ", which was pushed from Okta");
    }

    /**
     * Rule 3 when inviting: the member does not exist yet, so it is named by the email it was to have; the team by id
     * (the command side keeps no team's display name).
     */
    public static RuleViolationException inviteIntoProvisionedTeam(String userName, TeamId team) {
        return new RuleViolationException(
                ErrorCode.MANUAL_MEMBER_IN_PROVISIONED_TEAM,
                userName + " can not be invited into team " + team + ", which was pushed from Okta: a member invited"
                        + " in the Control Panel can not join a team pushed from Okta");
    }

    /**
     * Rule 3 when provisioning takes over a team created in the Control Panel: members invited there, in the team
     * after the change (still in it, or joining it in this change), would be in a team managed in Okta. The team stays
     * as it was, the admin's.
     *
     * @param members the members who would be in it, each named "userName (id)" where its userName is known
     * @param someInItAlready whether some of them are in the team now (they could be removed from it in the Control
     *     Panel)
     */
    public static RuleViolationException manualMembersInTakenOverTeam(
            TeamId team, TeamName teamName, List<String> members, boolean someInItAlready) {
        int shown = Math.min(members.size(), 5);
        String who = (members.size() == 1 ? "member " : "members ")
                + String.join(", ", members.subList(0, shown))
                + (members.size() > shown ? " and " + (members.size() - shown) + " more" : "");
        return new RuleViolationException(
                ErrorCode.MANUAL_MEMBER_IN_PROVISIONED_TEAM,
                "Team \"" + teamName.value() + "\" (" + team + ") was created in the Control Panel and would be"
                        + " managed in Okta from this change on, but " + who + ", invited in the Control Panel,"
                        + " would be in it: push the group without them"
                        + (someInItAlready ? ", " : " or ")
                        + "have Okta update each of them first (its first change of a member takes it over)"
                        + (someInItAlready ? ", or remove them from the team in the Control Panel" : ""));
    }

    /** SCIM commands are refused while the organization's provisioning integration is switched off. */
    public static RuleViolationException provisioningDisabled() {
        return new RuleViolationException(
                ErrorCode.PROVISIONING_DISABLED, "User provisioning is switched off for this organization");
    }

    /** An organization keeps at least one admin of its own: the last one is not removed (add another one first). */
    public static RuleViolationException lastAdmin(String email) {
        return new RuleViolationException(
                ErrorCode.LAST_ADMIN,
                email + " is the organization's only admin and can not be removed: add another admin first");
    }
}
