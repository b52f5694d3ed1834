package com.controlpanel.provisioning.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;

/**
 * A {@code provisioning.*} property its settings class refused ({@code provisioning.scim.max-body-bytes must be at
 * least 1024}), reported as {@link SettingRefusedFailure} reports a setting: by its environment variable, the one an
 * operator sets, in a few lines, instead of the binder's account of the class it could not make. Ahead of Spring
 * Boot's own analysis of a failed binding, which names the class and the property only.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PropertyRefusedFailure extends AbstractFailureAnalyzer<BindException> {

    /**
     * The property, a variable it may already name, and why: after a space, or after a colon where the reason is
     * another class's message ({@code provisioning.default-organization-name: organization name must be at most 200
     * characters}).
     */
    private static final Pattern REFUSAL =
            Pattern.compile("(provisioning\\.[a-z0-9.-]+)(?: \\(PROVISIONING_[A-Z0-9_]+\\))?:? (.+)", Pattern.DOTALL);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        IllegalArgumentException refusal = findCause(cause, IllegalArgumentException.class);
        if (refusal == null || refusal.getMessage() == null) {
            return notConverted(cause);
        }
        Matcher matcher = REFUSAL.matcher(refusal.getMessage());
        if (!matcher.matches()) {
            return notConverted(cause);
        }
        String property = matcher.group(1);
        String variable = variable(property);
        return new FailureAnalysis(
                "The service can not start with this setting. " + variable + ": " + matcher.group(2),
                "Correct " + variable + " (or " + property + ") and start again.",
                cause);
    }

    /**
     * A {@code provisioning.*} value of the wrong kind ({@code PROVISIONING_BACKUP_KEEP=all}): the variable, the value
     * and the kind wanted, rather than the binder's report of the Java type it could not convert to.
     */
    private FailureAnalysis notConverted(BindException cause) {
        if (findCause(cause, ConversionFailedException.class) == null
                || cause.getProperty() == null
                || !cause.getName().toString().startsWith("provisioning.")) {
            return null;
        }
        String property = cause.getName().toString();
        String variable = variable(property);
        Class<?> type = cause.getTarget().getType().resolve(Object.class);
        return new FailureAnalysis(
                "The service can not start with this setting. " + variable + ": '"
                        + cause.getProperty().getValue() + "' is not " + kind(type),
                "Correct " + variable + " (or " + property + ") and start again.",
                cause);
    }

    /** What a value of this type is written as, in an operator's words. */
    static String kind(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number, such as 10000 or 0.5";
        }
        if (type == Duration.class) {
            return "a duration, such as 30s, 15m, 6h or 1d";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a value of the kind this setting takes (README, settings)";
    }

    /** The environment variable Spring Boot binds to a property: upper case, dots and dashes as underscores. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
