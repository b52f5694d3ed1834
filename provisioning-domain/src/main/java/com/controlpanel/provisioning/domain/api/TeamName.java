package com.controlpanel.provisioning.domain.api;

/** A team's display name; unique per organization among existing teams, compared case-insensitively. */
public record TeamName(String value) implements SingleValue {

    public static final int MAX_LENGTH = 256;

    public TeamName {
        value = Text.requiredName(value, "team name", MAX_LENGTH);
    }

    /** The form uniqueness and lookups compare: case-insensitive ({@link CaseInsensitive}). */
    public String key() {
        return CaseInsensitive.key(value);
    }

    public boolean sameAs(TeamName other) {
        return other != null && key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
