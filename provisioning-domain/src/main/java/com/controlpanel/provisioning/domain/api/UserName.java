package com.controlpanel.provisioning.domain.api;

/** A member's login name (usually the work email); unique per organization, compared case-insensitively. */
public record UserName(String value) implements SingleValue {

    public static final int MAX_LENGTH = 256;

    public UserName {
        value = Text.required(value, "userName", MAX_LENGTH);
    }

    /** The form uniqueness and lookups compare: case-insensitive ({@link CaseInsensitive}). */
    public String key() {
        return CaseInsensitive.key(value);
    }

    public boolean sameAs(UserName other) {
        return other != null && key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
