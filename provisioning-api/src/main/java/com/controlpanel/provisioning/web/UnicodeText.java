package com.controlpanel.provisioning.web;

/**
 * Whether text is Unicode text. JSON can escape half of a surrogate pair ({@code "\ud800"}), which is no character:
 * no page, CSV or UTF-8 column can hold it (it came back as {@code ?}). The edges refuse such values; the domain does
 * not, so that an event recorded before they did is still read.
 */
public final class UnicodeText {

    private UnicodeText() {}

    /** The index of the first half of a surrogate pair that has no other half, or -1 when there is none. */
    public static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** How a refusal names it: {@code \ud800}. */
    public static String escaped(String text, int index) {
        return String.format("\\u%04x", (int) text.charAt(index));
    }
}
