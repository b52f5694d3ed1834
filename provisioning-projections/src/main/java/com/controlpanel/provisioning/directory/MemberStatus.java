package com.controlpanel.provisioning.directory;

/** A member's status as the Control Panel shows it. */
public enum MemberStatus {
    /** Invited by an admin (manual member), not deactivated. */
    INVITED,
    /** Provisioned and active. */
    ACTIVE,
    /** Deactivated (Okta's active=false, or by an admin); still a member. */
    DEACTIVATED
}
