package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.domain.api.Source;
import java.util.Locale;

/**
 * The round picture of a member or team: initials on a colour of its own, and the Okta badge when it was provisioned
 * (rule 5: the badge stays, also after provisioning is switched off).
 */
public record Avatar(String initials, String colour, boolean okta) {

    private static final int COLOURS = 8;

    public static Avatar of(String id, String label, Source source) {
        return new Avatar(initials(label), "avatar-c" + Math.floorMod(id.hashCode(), COLOURS), source == Source.OKTA);
    }

    static String initials(String label) {
        if (label == null || label.isBlank()) {
            return "?";
        }
        String text = label.strip();
        int at = text.indexOf('@');
        if (at > 0) {
            text = text.substring(0, at);
        }
        StringBuilder initials = new StringBuilder();
        for (String word : text.split("[\\s._-]+")) {
            if (!word.isEmpty() && initials.length() < 2) {
                initials.appendCodePoint(word.codePointAt(0));
            }
        }
        return initials.length() == 0 ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }
}
