package com.controlpanel.provisioning.ui.layout;

import java.util.Optional;

/** A Control Panel page that does not exist for this admin: an unknown organization, member or team. */
public class PageNotFound extends RuntimeException {

    static final String MEMBER = "This member does not exist (or no longer does).";
    static final String TEAM = "This team does not exist (or no longer does).";

    /** "member" or "team" for a member's or team's page; null for any other. */
    private final String what;

    public PageNotFound(String message) {
        this(message, null);
    }

    private PageNotFound(String message, String what) {
        super(message, null, false, false);
        this.what = what;
    }

    /** No member with the id an address or a form names (deleted meanwhile, or never there). */
    public static PageNotFound member() {
        return new PageNotFound(MEMBER, "member");
    }

    /** No team with the id an address or a form names (deleted meanwhile, or never there). */
    public static PageNotFound team() {
        return new PageNotFound(TEAM, "team");
    }

    /** "member" or "team" when this is a member's or a team's page (not the organization's, nor another page). */
    Optional<String> what() {
        return Optional.ofNullable(what);
    }
}
