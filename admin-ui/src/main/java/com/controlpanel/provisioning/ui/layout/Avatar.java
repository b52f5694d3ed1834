package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.domain.api.LookAlikes;
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
        // the first letters (or digits) of the first two words; a word is a run of letters, marks and digits, so that
        // brackets, punctuation and any kind of space separate words and are never an initial
        StringBuilder initials = new StringBuilder();
        int taken = 0;
        for (String word : text.split("[^\\p{L}\\p{M}\\p{N}]+")) {
            if (!word.isEmpty() && taken < 2) {
                initials.appendCodePoint(word.codePointAt(0));
                taken++;
            }
        }
        if (taken == 0) {
            // no word at all (emoji, symbols): its first visible character, whole
            text.codePoints()
                    .filter(c -> c != ' ' && !LookAlikes.hidden(c))
                    .findFirst()
                    .ifPresent(initials::appendCodePoint);
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }
}
