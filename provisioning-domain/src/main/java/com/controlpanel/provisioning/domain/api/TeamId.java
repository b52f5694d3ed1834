package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** Identifies a team of an organization; also the SCIM Group id. */
public record TeamId(String value) implements SingleValue {

    public TeamId {
        value = Ids.requireValid(value, "teamId");
    }

    public static TeamId random() {
        return new TeamId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
