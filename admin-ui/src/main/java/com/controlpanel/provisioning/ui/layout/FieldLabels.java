package com.controlpanel.provisioning.ui.layout;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain names a value at the start of its refusal ({@code name.givenName must be at most 256 characters},
 * {@code team name is required}, {@code userName 'x' must be written plainly: …}); a form says it with the label the
 * admin sees next to the field.
 */
public final class FieldLabels {

    private static final Pattern VALUE_NAME =
            Pattern.compile("(?s)^([A-Za-z][A-Za-z.]*(?: [a-z]+)?)(?= (?:'.*' )?(?:must|is) )");

    private FieldLabels() {}

    /** The domain's name for the value a refusal is about, if it starts with one. */
    public static Optional<String> valueName(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = VALUE_NAME.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The refusal with the domain's name for the value replaced by the form's label. */
    public static String relabel(String message, String label) {
        return valueName(message)
                .map(name -> label + message.substring(name.length()))
                .orElse(message);
    }
}
