package com.controlpanel.provisioning.domain.api;

final class Text {

    private Text() {}

    /** Trims, turns blank into null, and refuses control characters and overlong values. */
    static String optional(String value, String what, int maxLength) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(what + " must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new InvalidValueException(what + " must not contain control characters");
            }
        }
        return trimmed;
    }

    static String required(String value, String what, int maxLength) {
        String checked = optional(value, what, maxLength);
        if (checked == null) {
            throw new InvalidValueException(what + " is required");
        }
        return checked;
    }
}
