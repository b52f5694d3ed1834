package com.controlpanel.provisioning.ui.layout;

import org.unbescape.html.HtmlEscape;

/**
 * An attribute's path made into HTML that wraps after its dots and colons ({@code profile.name.givenName}, an
 * extension's {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}) rather than anywhere
 * inside a name: a {@code <wbr>} after each, none inside a number ({@code 2.0}). The text itself is unchanged.
 */
public final class PathBreaks {

    private PathBreaks() {}

    /** The path as HTML (escaped), with a place to wrap after each dot or colon between two of its names. */
    public static String html(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(path.length() + 64);
        int from = 0;
        for (int i = 1; i < path.length() - 1; i++) {
            char c = path.charAt(i);
            char before = path.charAt(i - 1);
            char after = path.charAt(i + 1);
            boolean inNumber = Character.isDigit(before) && Character.isDigit(after);
            if ((c == '.' || c == ':')
                    && !inNumber
                    && !Character.isWhitespace(before)
                    && !Character.isWhitespace(after)) {
                html.append(HtmlEscape.escapeHtml5Xml(path.substring(from, i + 1)))
                        .append(EmailBreaks.BREAK);
                from = i + 1;
            }
        }
        return html.append(HtmlEscape.escapeHtml5Xml(path.substring(from))).toString();
    }
}
