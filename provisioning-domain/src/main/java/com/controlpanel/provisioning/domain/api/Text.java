package com.controlpanel.provisioning.domain.api;

final class Text {

    private Text() {}

    /** Trims, turns blank into null, and refuses control characters and overlong values. */
    static String optional(String value, String what, int maxLength) {
        return check(value, what, maxLength, false);
    }

    /** Like {@link #optional}, but lets line breaks and tabs through: names may carry them, every output escapes them. */
    static String optionalName(String value, String what, int maxLength) {
        return check(value, what, maxLength, true);
    }

    private static String check(String value, String what, int maxLength, boolean lineBreaks) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() > maxLength) {
            // counted as the columns that keep it count (UTF-16): an emoji is two, which the refusal says when it
            // holds one, so that 300 emoji are not refused as over 512 characters without a word why
            boolean pairs = trimmed.codePointCount(0, trimmed.length()) < trimmed.length();
            throw new InvalidValueException(what + " must be at most " + maxLength + " characters"
                    + (pairs
                            ? " (an emoji or another character beyond the Basic Multilingual Plane counts as two)"
                            : ""));
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = lineBreaks && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                throw new InvalidValueException(what + " must not contain control characters");
            }
        }
        return trimmed;
    }

    static String required(String value, String what, int maxLength) {
        return required(value, what, maxLength, false);
    }

    static String requiredName(String value, String what, int maxLength) {
        return required(value, what, maxLength, true);
    }

    private static String required(String value, String what, int maxLength, boolean lineBreaks) {
        String checked = check(value, what, maxLength, lineBreaks);
        if (checked == null) {
            throw new InvalidValueException(what + " is required");
        }
        return checked;
    }
}
