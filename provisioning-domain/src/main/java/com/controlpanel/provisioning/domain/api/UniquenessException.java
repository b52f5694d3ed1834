package com.controlpanel.provisioning.domain.api;

import java.util.Optional;

/** A userName or team name already used by another member or team of the organization. */
public class UniquenessException extends DomainException {

    /** The id of the member or team that holds the name, when the refusal knows it. */
    private final String holderId;

    private UniquenessException(ErrorCode code, String message, String holderId) {
        super(code, message);
        this.holderId = holderId;
    }

    public static UniquenessException userName(UserName userName) {
        return new UniquenessException(
                ErrorCode.USER_NAME_TAKEN,
                "userName '" + userName.value() + "' is already used by another member of this organization",
                null);
    }

    public static UniquenessException teamName(TeamName name) {
        return teamName(name, null);
    }

    /** The name is that team's (its own letter case and accents may differ from {@code name}'s). */
    public static UniquenessException teamName(TeamName name, TeamId holder) {
        return new UniquenessException(
                ErrorCode.TEAM_NAME_TAKEN,
                "A team named '" + name.value() + "' already exists in this organization",
                holder == null ? null : holder.value());
    }

    public Optional<String> holderId() {
        return Optional.ofNullable(holderId);
    }
}
