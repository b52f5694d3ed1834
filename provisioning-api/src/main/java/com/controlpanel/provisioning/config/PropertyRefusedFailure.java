package com.controlpanel.provisioning.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A {@code provisioning.*} property its settings class refused ({@code provisioning.scim.max-body-bytes must be at
 * least 1024}), reported as {@link SettingRefusedFailure} reports a setting: by its environment variable, the one an
 * operator sets, in a few lines, instead of the binder's account of the class it could not make. Ahead of Spring
 * Boot's own analysis of a failed binding, which names the class and the property only.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PropertyRefusedFailure extends AbstractFailureAnalyzer<BindException> {

    /** The property, a variable it may already name, and why. */
    private static final Pattern REFUSAL =
            Pattern.compile("(provisioning\\.[a-z0-9.-]+)(?: \\(PROVISIONING_[A-Z0-9_]+\\))? (.+)", Pattern.DOTALL);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        IllegalArgumentException refusal = findCause(cause, IllegalArgumentException.class);
        if (refusal == null || refusal.getMessage() == null) {
            return null;
        }
        Matcher matcher = REFUSAL.matcher(refusal.getMessage());
        if (!matcher.matches()) {
            return null;
        }
        String property = matcher.group(1);
        String variable = variable(property);
        return new FailureAnalysis(
                "The service can not start with this setting. " + variable + ": " + matcher.group(2),
                "Correct " + variable + " (or " + property + ") and start again.",
                cause);
    }

    /** The environment variable Spring Boot binds to a property: upper case, dots and dashes as underscores. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
