package com.controlpanel.provisioning.domain.api;

import java.util.regex.Pattern;

/** One of a member's email addresses, as SCIM's multi-valued {@code emails} attribute carries it. */
public record EmailAddress(String value, String type, boolean primary, String display) {

    private static final Pattern SHAPE = Pattern.compile("^[^\\s@]+@[^\\s@]+$");

    public EmailAddress {
        value = Text.required(value, "email", 254);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("'" + value + "' is not an email address");
        }
        type = Text.optional(type, "email type", 64);
        display = Text.optional(display, "email display", 256);
    }

    public static EmailAddress work(String value) {
        return new EmailAddress(value, "work", true, null);
    }
}
