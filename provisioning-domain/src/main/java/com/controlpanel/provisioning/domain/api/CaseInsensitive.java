package com.controlpanel.provisioning.domain.api;

import java.util.Locale;

/**
 * The key under which texts compared without regard to case are stored and looked up (a userName, a team's name, an
 * admin's email, the names and values SCIM filters compare): lower-cased, then each letter that has another lower-case
 * form of the same capital written as that one, as Unicode's case folding does. So "OΣ@x.com", "oς@x.com" and
 * "oσ@x.com" (Greek's final and other small sigma), "ſ" and "s", "µ" (micro) and "μ" share a key, which lower-casing
 * alone keeps apart. The dotless ı of Turkish stays apart from i, another letter there (Unicode folds them together
 * only for Turkic languages). One char stays one char, so a key cut to a column's length is the key of the text cut.
 */
public final class CaseInsensitive {

    private static final char DOTLESS_I = 'ı';

    /**
     * The lower-case chars {@link #key} writes as another, in order, and what it writes for each: as arguments of SQL's
     * {@code TRANSLATE}, they make a key of a text another database lower-cased ({@code µſςϐϑ…} → {@code μsσβθ…}).
     */
    public static final String FOLDED_FROM;

    public static final String FOLDED_TO;

    static {
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        for (char c = 'µ'; c < Character.MAX_VALUE; c++) {
            char same = fold(c);
            if (same != c && Character.toLowerCase(c) == c) {
                from.append(c);
                to.append(same);
            }
        }
        FOLDED_FROM = from.toString();
        FOLDED_TO = to.toString();
    }

    private CaseInsensitive() {}

    /** The key of a text: the same for two texts that differ only in case. */
    public static String key(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder folded = null;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            char same = fold(c);
            if (same != c && folded == null) {
                folded = new StringBuilder(lower);
            }
            if (folded != null) {
                folded.setCharAt(i, same);
            }
        }
        return folded == null ? lower : folded.toString();
    }

    /**
     * A lower-case char as its capital's own lower case: ς as σ. Every such char is in the BMP and maps to one there;
     * surrogates (the halves of letters beyond it, which {@link String#toLowerCase} already gives their one form) and
     * the dotless i stay as they are.
     */
    static char fold(char c) {
        if (c < 'µ' || c == DOTLESS_I || Character.isSurrogate(c)) {
            return c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Whether a key stored by lower-casing alone (before this version) may differ from {@link #key}. */
    public static boolean foldsFurther(String lowerCased) {
        for (int i = 0; i < lowerCased.length(); i++) {
            char c = lowerCased.charAt(i);
            if (fold(c) != c) {
                return true;
            }
        }
        return false;
    }
}
