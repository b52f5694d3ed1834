package com.controlpanel.provisioning.ui.layout;

import java.util.Locale;

/** Reads a list filter from a URL: one of the values the list knows, or "" (no filter) for anything else. */
public final class Choices {

    private Choices() {}

    public static String known(String value, String... allowed) {
        if (value == null) {
            return "";
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(normalized)) {
                return candidate;
            }
        }
        return "";
    }
}
