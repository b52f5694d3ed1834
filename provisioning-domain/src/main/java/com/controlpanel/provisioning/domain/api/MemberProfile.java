package com.controlpanel.provisioning.domain.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of a member: the attributes the Control Panel works with, and every other attribute the identity
 * provider sent ({@code attributes}: phone numbers, title, the enterprise extension...), kept as given so that they
 * round-trip.
 */
public record MemberProfile(
        UserName userName,
        PersonName name,
        String displayName,
        List<EmailAddress> emails,
        String externalId,
        Map<String, Object> attributes) {

    /**
     * The most characters a profile may take written as JSON, as the directory keeps it (its column holds 1,000,000):
     * a profile over it is refused as invalid rather than failing to be stored.
     */
    public static final int MAX_JSON_LENGTH = 900_000;

    /** The room the field names and punctuation of a profile's own fields take, beside their values. */
    private static final int FIELDS_JSON_LENGTH = 256;

    /** The room the field names and punctuation of one email take, beside its values. */
    private static final int EMAIL_JSON_LENGTH = 64;

    public MemberProfile {
        if (userName == null) {
            throw new InvalidValueException("userName is required");
        }
        name = name == null ? PersonName.EMPTY : name;
        displayName = Text.optionalName(displayName, "displayName", 256);
        emails = emails == null ? List.of() : List.copyOf(emails);
        int primary = 0;
        for (EmailAddress email : emails) {
            primary += email.primary() ? 1 : 0;
        }
        if (primary > 1) {
            throw new InvalidValueException("At most one email may be primary");
        }
        externalId = Text.optional(externalId, "externalId", 512);
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The profile of a member invited by an admin: the email is both userName and primary work email. */
    public static MemberProfile invited(String email, PersonName name) {
        return invited(email, name, null);
    }

    public static MemberProfile invited(String email, PersonName name, String displayName) {
        EmailAddress address = EmailAddress.work(email);
        return new MemberProfile(new UserName(address.value()), name, displayName, List.of(address), null, Map.of());
    }

    /** The email to show: the primary one, else the first, else the userName. */
    public String email() {
        for (EmailAddress email : emails) {
            if (email.primary()) {
                return email.value();
            }
        }
        return emails.isEmpty() ? userName.value() : emails.get(0).value();
    }

    /** The name to show: displayName, else the person's name, else the userName. */
    public String label() {
        return Optional.ofNullable(displayName)
                .or(() -> Optional.ofNullable(name.fullName()))
                .orElse(userName.value());
    }

    /** How many characters this profile takes written as JSON, never fewer than it does. */
    public long jsonLength() {
        long length = FIELDS_JSON_LENGTH
                + JsonLength.ofString(userName.value())
                + JsonLength.ofString(name.formatted())
                + JsonLength.ofString(name.familyName())
                + JsonLength.ofString(name.givenName())
                + JsonLength.ofString(name.middleName())
                + JsonLength.ofString(name.honorificPrefix())
                + JsonLength.ofString(name.honorificSuffix())
                + JsonLength.ofString(displayName)
                + JsonLength.ofString(externalId)
                + JsonLength.of(attributes);
        for (EmailAddress email : emails) {
            length += EMAIL_JSON_LENGTH
                    + JsonLength.ofString(email.value())
                    + JsonLength.ofString(email.type())
                    + JsonLength.ofString(email.display());
        }
        return length;
    }

    public MemberProfile withUserName(UserName newUserName) {
        return new MemberProfile(newUserName, name, displayName, emails, externalId, attributes);
    }
}
