package com.controlpanel.provisioning.domain.api;

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

    /**
     * This name held as first and last name, the way an admin edits it: its parts, or, for a name known only as a
     * whole, its first word and the rest; without the whole name, which would no longer say the same once a part is
     * changed. Middle name and honorifics are kept.
     */
    public PersonName asParts() {
        String given = givenName;
        String family = familyName;
        if (given == null && family == null && formatted != null) {
            String[] words = formatted.strip().split("\\s+", 2);
            given = words[0];
            family = words.length > 1 ? words[1] : null;
        }
        return new PersonName(null, family, given, middleName, honorificPrefix, honorificSuffix);
    }

    /** "Given Family" from the parts, or the formatted name; null when there is nothing to show. */
    public String fullName() {
        String joined = givenName == null
                ? (familyName == null ? "" : familyName)
                : (familyName == null ? givenName : givenName + " " + familyName);
        if (!joined.isEmpty()) {
            return joined;
        }
        return formatted;
    }
}
