package com.controlpanel.provisioning.domain.api;

import java.util.Locale;

/** A team's display name; unique per organization among existing teams, compared case-insensitively. */
public record TeamName(String value) implements SingleValue {

    public static final int MAX_LENGTH = 256;

    public TeamName {
        value = Text.requiredName(value, "team name", MAX_LENGTH);
    }

    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public boolean sameAs(TeamName other) {
        return other != null && key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
