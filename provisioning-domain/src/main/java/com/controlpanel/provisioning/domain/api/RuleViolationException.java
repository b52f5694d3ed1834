package com.controlpanel.provisioning.domain.api;

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

    /** Rule 3: a member invited by an admin can not join a team pushed from Okta. */
    public static RuleViolationException manualMemberInProvisionedTeam(MemberId member, TeamId team) {
        return new RuleViolationException(
                ErrorCode.MANUAL_MEMBER_IN_PROVISIONED_TEAM,
                "Member " + member + " was invited in the Control Panel and can not be added to team " + team
                        + ", which is managed in Okta");
    }

    /** SCIM may change only what it provisioned; members and teams created by an admin stay the admin's. */
    public static RuleViolationException managedInControlPanel(String what) {
        return new RuleViolationException(
                ErrorCode.NOT_PROVISIONED,
                "This " + what + " was created in the Control Panel and can not be changed by provisioning");
    }

    /** SCIM commands are refused while the organization's provisioning integration is switched off. */
    public static RuleViolationException provisioningDisabled() {
        return new RuleViolationException(
                ErrorCode.PROVISIONING_DISABLED, "User provisioning is switched off for this organization");
    }
}
