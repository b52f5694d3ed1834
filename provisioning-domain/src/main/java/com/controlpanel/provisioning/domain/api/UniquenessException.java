package com.controlpanel.provisioning.domain.api;

/** A userName or team name already used by another member or team of the organization. */
public class UniquenessException extends DomainException {

    private UniquenessException(ErrorCode code, String message) {
        super(code, message);
    }

    public static UniquenessException userName(UserName userName) {
        return new UniquenessException(
                ErrorCode.USER_NAME_TAKEN,
                "userName '" + userName.value() + "' is already used by another member of this organization");
    }

    public static UniquenessException teamName(TeamName name) {
        return new UniquenessException(
                ErrorCode.TEAM_NAME_TAKEN, "A team named '" + name.value() + "' already exists in this organization");
    }
}
