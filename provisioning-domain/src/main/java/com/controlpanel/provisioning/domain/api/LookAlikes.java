package com.controlpanel.provisioning.domain.api;

import java.text.Normalizer;

/**
 * Text that would look like other text on screen: written with invisible (format) or control characters, spaces other
 * than the plain one, or letters Unicode's compatibility normalization (NFKC) turns into others (a full-width letter, a
 * long s, an accent written as a separate combining mark). Two such names can not be told apart by whoever reads them.
 */
public final class LookAlikes {

    private LookAlikes() {}

    /** Whether the text holds anything that makes it look like other text; a plain space is allowed. */
    public static boolean looksLikeAnother(String text) {
        return text.codePoints().anyMatch(LookAlikes::hidden) || !plain(text).equals(text);
    }

    /**
     * Whether the text holds an invisible or special character: a format character (U+200B), a control character (a
     * tab, a line break) or a space other than the plain one. Compatibility letters are not counted: a display name in
     * Japanese or Chinese is written with full-width brackets and digits and half-width katakana as a matter of course.
     */
    public static boolean holdsHidden(String text) {
        return text.codePoints().anyMatch(LookAlikes::hidden);
    }

    /**
     * What makes the text look like other text, for an error message: the first hidden character by its code point
     * ({@code U+200B}), else the text as it is usually written.
     */
    public static String why(String text) {
        return text.codePoints()
                .filter(LookAlikes::hidden)
                .mapToObj(c -> "it holds the invisible or special character U+%04X".formatted(c))
                .findFirst()
                .orElseGet(() -> "it is written with compatibility characters or a separate accent; plainly: '"
                        + plain(text) + "'");
    }

    private static boolean hidden(int c) {
        return (Character.isSpaceChar(c) && c != ' ')
                || Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c);
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }
}
