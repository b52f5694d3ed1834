package com.controlpanel.provisioning.ui.layout;

/**
 * What a browser's one-line text field shows and sends back for a value the page filled it with. HTML's value
 * sanitization of {@code <input type="text">} strips every line feed and carriage return, so a name stored with a line
 * break (SCIM allows one) would show its words glued together ("ΕλύτηςΑλεπουδέλης") and come back so although the admin
 * did not touch the field. The page fills a field with {@link #shown(String) each line break as a space}, and a form
 * compares what it receives with that, not with the stored value, to tell an edit from a field sent back as it was
 * shown.
 */
public final class TextFields {

    private TextFields() {}

    /** The value as a one-line field shows it: each line break (CR LF, CR or LF) a space; null as empty. */
    public static String shown(String value) {
        if (value == null) {
            return "";
        }
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0
                ? value
                : value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * Whether a field filled with {@code shown} and sent back as {@code sent} was left as it was (ends ignored): a field
     * sends back what it {@linkplain #shown(String) shows}.
     */
    public static boolean unchanged(String sent, String shown) {
        return (sent == null ? "" : sent.strip()).equals(shown(shown).strip());
    }
}
