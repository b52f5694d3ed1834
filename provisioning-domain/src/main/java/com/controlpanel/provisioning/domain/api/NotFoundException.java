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
        return new NotFoundException(ErrorCode.MEMBER_NOT_FOUND, "No member with id " + id + " in this organization");
    }

    public static NotFoundException team(TeamId id) {
        return new NotFoundException(ErrorCode.TEAM_NOT_FOUND, "No team with id " + id + " in this organization");
    }
}
