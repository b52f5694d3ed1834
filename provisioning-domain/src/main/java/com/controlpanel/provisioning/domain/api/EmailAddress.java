package com.controlpanel.provisioning.domain.api;

/** One of a member's email addresses, as SCIM's multi-valued {@code emails} attribute carries it. */
public record EmailAddress(String value, String type, boolean primary, String display) {

    public EmailAddress {
        value = Text.required(value, "email", 254);
        if (!hasTheShapeOfOne(value)) {
            throw new InvalidValueException("'" + value + "' is not an email address");
        }
        type = Text.optional(type, "email type", 64);
        display = Text.optional(display, "email display", 256);
    }

    /**
     * Something, one {@code @}, something, and no white space ({@code ^[^\s@]+@[^\s@]+$}, written out: this
     * is checked for every member a state as of an instant reads back).
     */
    static boolean hasTheShapeOfOne(String value) {
        int at = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return at > 0 && at < value.length() - 1;
    }

    public static EmailAddress work(String value) {
        return new EmailAddress(value, "work", true, null);
    }
}
