package com.controlpanel.provisioning.domain.api;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A member's name, in SCIM's components; every part is optional. */
public record PersonName(
        String formatted,
        String familyName,
        String givenName,
        String middleName,
        String honorificPrefix,
        String honorificSuffix) {

    public static final PersonName EMPTY = new PersonName(null, null, null, null, null, null);

    public PersonName {
        formatted = Text.optionalName(formatted, "name.formatted", 512);
        familyName = Text.optionalName(familyName, "name.familyName", 256);
        givenName = Text.optionalName(givenName, "name.givenName", 256);
        middleName = Text.optionalName(middleName, "name.middleName", 256);
        honorificPrefix = Text.optionalName(honorificPrefix, "name.honorificPrefix", 64);
        honorificSuffix = Text.optionalName(honorificSuffix, "name.honorificSuffix", 64);
    }

    public static PersonName of(String givenName, String familyName) {
        return new PersonName(null, familyName, givenName, null, null, null);
    }

    public boolean blank() {
        return equals(EMPTY);
    }

    /** "Given Family" from the parts, or the formatted name; null when there is nothing to show. */
    public String fullName() {
        String joined =
                Stream.of(givenName, familyName).filter(part -> part != null).collect(Collectors.joining(" "));
        if (!joined.isEmpty()) {
            return joined;
        }
        return formatted;
    }
}
