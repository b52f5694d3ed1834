package com.controlpanel.provisioning.domain.api;

/** Stable, machine-readable reasons a command is refused; the edges turn them into HTTP answers. */
public enum ErrorCode {
    INVALID_VALUE("invalid-value", Kind.INVALID),
    USER_NAME_TAKEN("user-name-taken", Kind.CONFLICT),
    TEAM_NAME_TAKEN("team-name-taken", Kind.CONFLICT),
    ADMIN_ACCOUNT_EXISTS("admin-account-exists", Kind.CONFLICT),
    MANAGED_BY_IDENTITY_PROVIDER("managed-in-okta", Kind.RULE),
    MANUAL_MEMBER_IN_PROVISIONED_TEAM("manual-member-in-provisioned-team", Kind.RULE),
    PROVISIONING_DISABLED("provisioning-disabled", Kind.RULE),
    LAST_ADMIN("last-admin", Kind.RULE),
    OPERATOR_ACCOUNT("operator-account", Kind.RULE),
    /** What an admin does to their own account elsewhere (a new password: under Your account, the current one given). */
    OWN_ACCOUNT("own-account", Kind.RULE),
    ORGANIZATION_NOT_FOUND("organization-not-found", Kind.NOT_FOUND),
    MEMBER_NOT_FOUND("member-not-found", Kind.NOT_FOUND),
    TEAM_NOT_FOUND("team-not-found", Kind.NOT_FOUND),
    ADMIN_NOT_FOUND("admin-not-found", Kind.NOT_FOUND);

    /** How a refusal is to be read: bad input, a missing thing, a taken name, or a product rule. */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        RULE
    }

    private final String code;
    private final Kind kind;

    ErrorCode(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
