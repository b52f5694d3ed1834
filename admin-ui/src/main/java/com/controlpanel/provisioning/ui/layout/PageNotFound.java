package com.controlpanel.provisioning.ui.layout;

/** A Control Panel page that does not exist for this admin: an unknown organization, member or team. */
public class PageNotFound extends RuntimeException {

    private static final String MEMBER = "This member does not exist (or no longer does).";
    private static final String TEAM = "This team does not exist (or no longer does).";

    public PageNotFound(String message) {
        super(message, null, false, false);
    }

    /** No member with the id an address or a form names (deleted meanwhile, or never there). */
    public static PageNotFound member() {
        return new PageNotFound(MEMBER);
    }

    /** No team with the id an address or a form names (deleted meanwhile, or never there). */
    public static PageNotFound team() {
        return new PageNotFound(TEAM);
    }

    /** Whether this is a member's or a team's page (not the organization's, nor another page). */
    boolean ofMemberOrTeam() {
        return MEMBER.equals(getMessage()) || TEAM.equals(getMessage());
    }
}
