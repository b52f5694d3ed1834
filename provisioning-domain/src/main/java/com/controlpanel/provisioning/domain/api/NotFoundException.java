package com.controlpanel.provisioning.domain.api;

/** The organization, member or team does not exist in the organization that asked. */
public class NotFoundException extends DomainException {

    private NotFoundException(ErrorCode code, String message) {
        super(code, message);
    }

    public static NotFoundException organization(OrganizationId id) {
        return new NotFoundException(ErrorCode.ORGANIZATION_NOT_FOUND, "No organization with id " + id);
    }

    public static NotFoundException member(MemberId id) {
        return member(id.value());
    }

    /** A member asked for by an id as it was given, also one that is no valid id at all. */
    public static NotFoundException member(String id) {
        return new NotFoundException(
                ErrorCode.MEMBER_NOT_FOUND, "No member with id " + shown(id) + " in this organization");
    }

    public static NotFoundException team(TeamId id) {
        return team(id.value());
    }

    /** A team asked for by an id as it was given, also one that is no valid id at all. */
    public static NotFoundException team(String id) {
        return new NotFoundException(
                ErrorCode.TEAM_NOT_FOUND, "No team with id " + shown(id) + " in this organization");
    }

    /** No admin of this organization with that id (an account may exist, managing other organizations). */
    public static NotFoundException admin(String id) {
        return new NotFoundException(
                ErrorCode.ADMIN_NOT_FOUND, "No admin with id " + shown(id) + " in this organization");
    }

    /** No admin account with that id in the whole deployment (the operator's list of every account). */
    public static NotFoundException account(String id) {
        return new NotFoundException(ErrorCode.ADMIN_NOT_FOUND, "No admin account with id " + shown(id));
    }

    private static String shown(String id) {
        String text = String.valueOf(id);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
