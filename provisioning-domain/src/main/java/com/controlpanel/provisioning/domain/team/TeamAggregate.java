package com.controlpanel.provisioning.domain.team;

/** Hands the (package-private) team aggregate type to the application's Axon configuration. */
public final class TeamAggregate {

    private TeamAggregate() {}

    public static Class<?> type() {
        return Team.class;
    }
}
