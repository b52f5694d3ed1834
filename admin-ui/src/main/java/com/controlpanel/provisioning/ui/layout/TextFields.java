package com.controlpanel.provisioning.ui.layout;

/**
 * What a browser's one-line text field sends back for a value the page filled it with. HTML's value sanitization of
 * {@code <input type="text">} strips every line feed and carriage return, so a name stored with a line break (SCIM
 * allows one) comes back without it although the admin did not touch the field. A form compares what it receives
 * with this, not with the stored value, to tell an edit from a field sent back as it was shown.
 */
public final class TextFields {

    private TextFields() {}

    /** The value as a text field filled with it sends it back (null as empty). */
    public static String asSentBack(String shown) {
        if (shown == null) {
            return "";
        }
        return shown.indexOf('\n') < 0 && shown.indexOf('\r') < 0
                ? shown
                : shown.replace("\r", "").replace("\n", "");
    }

    /** Whether a field filled with {@code shown} and sent back as {@code sent} was left as it was (ends ignored). */
    public static boolean unchanged(String sent, String shown) {
        return (sent == null ? "" : sent.strip()).equals(asSentBack(shown).strip());
    }
}
