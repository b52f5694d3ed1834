package com.controlpanel.provisioning.ui.layout;

import org.unbescape.html.HtmlEscape;

/**
 * Text made into HTML whose email addresses wrap where a reader expects them to: after the {@code @} and before each
 * dot between two parts ({@code ann.lee@example-corp.com} may wrap as {@code ann} / {@code .lee@} /
 * {@code example-corp} / {@code .com}), as a browser already wraps after a hyphen: the line ends with, or the next
 * begins with, a sign that the address goes on. Without these places a browser finds none in an
 * address but its hyphens, and a column too narrow for a part cuts it anywhere ({@code wolfeschlegelsteinhausenb} /
 * {@code ergerdorff@…}); a part that is alone too long for its column still is.
 *
 * <p>The places are {@code <wbr>} elements: no character is added to the text, so what a reader copies, a screen
 * reader reads and a search finds is the address as it is. Only words holding an {@code @} get them, and only at a
 * dot or {@code @} inside the address (a letter, digit, {@code -}, {@code _} or {@code +} on each side), so the other
 * text, sentence ends and names with initials included, wraps as it did.
 */
public final class EmailBreaks {

    static final String BREAK = "<wbr>";

    private EmailBreaks() {}

    /** The text as HTML (escaped), with a place to wrap after each {@code @} and before each inner dot of its addresses. */
    public static String html(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (text.indexOf('@') < 0) {
            return HtmlEscape.escapeHtml5Xml(text);
        }
        StringBuilder html = new StringBuilder(text.length() + 32);
        int length = text.length();
        int start = 0;
        while (start < length) {
            int end = start;
            boolean blank = Character.isWhitespace(text.charAt(start));
            while (end < length && Character.isWhitespace(text.charAt(end)) == blank) {
                end++;
            }
            String run = text.substring(start, end);
            html.append(blank || run.indexOf('@') < 0 ? HtmlEscape.escapeHtml5Xml(run) : address(run));
            start = end;
        }
        return html.toString();
    }

    private static String address(String word) {
        StringBuilder html = new StringBuilder(word.length() + 32);
        int from = 0;
        for (int i = 1; i < word.length() - 1; i++) {
            char c = word.charAt(i);
            if ((c == '@' || c == '.') && inner(word.charAt(i - 1)) && inner(word.charAt(i + 1))) {
                int at = c == '@' ? i + 1 : i;
                html.append(HtmlEscape.escapeHtml5Xml(word.substring(from, at))).append(BREAK);
                from = at;
            }
        }
        return html.append(HtmlEscape.escapeHtml5Xml(word.substring(from))).toString();
    }

    /** A character an address has inside a part: not one that closes or opens it in a sentence ("(", ")", ","…). */
    private static boolean inner(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '+';
    }
}
