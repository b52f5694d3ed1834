package com.controlpanel.provisioning.ui.layout;

import java.util.Locale;

/**
 * Reads a list filter from a URL: one of the values the list knows (whatever its case, spaces around it aside), or ""
 * (no filter) when the value is blank or not there. Any other value is a {@link BadLink}: no control of the page gives
 * it, and dropped it would show the whole list as if no filter had been asked for ({@code ?status=bogus}).
 */
public final class Choices {

    private Choices() {}

    public static String known(String value, String... allowed) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(normalized)) {
                return candidate;
            }
        }
        throw new BadLink();
    }
}
