package com.controlpanel.provisioning.domain.api;

final class Ids {

    private static final int MAX_LENGTH = 64;

    private Ids() {}

    /** Ids travel in URLs and SQL keys: a short run of letters, digits, '-' and '_'. */
    static String requireValid(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(what + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(what + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidValueException(what + " may contain only letters, digits, '-' and '_'");
            }
        }
        return value;
    }
}
