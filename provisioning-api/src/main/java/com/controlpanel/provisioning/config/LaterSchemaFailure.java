package com.controlpanel.provisioning.config;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start on a database that a later version of the service migrated (its schema history holds migrations this
 * version does not have) is refused by Flyway's validation ({@code spring.flyway.ignore-migration-patterns} is empty,
 * so such "future" migrations are not ignored). This says so in a few lines, and what to do: start the later version,
 * or restore the backup taken before the upgrade. Flyway's own advice ("run repair") would hide the later version's
 * changes, not undo them.
 */
class LaterSchemaFailure implements FailureAnalyzer {

    private static final Pattern NOT_HERE =
            Pattern.compile("applied migration not resolved locally: ([^\\s.][^\\s]*?)\\.?(\\s|$)");

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FlywayValidateException validation && validation.getMessage() != null) {
                Set<String> versions = new LinkedHashSet<>();
                Matcher matcher = NOT_HERE.matcher(validation.getMessage());
                while (matcher.find()) {
                    versions.add(matcher.group(1));
                }
                if (versions.isEmpty()) {
                    return null;
                }
                return new FailureAnalysis(
                        "The database was migrated by a later version of the service: its schema has migration"
                                + (versions.size() == 1 ? " " : "s ") + String.join(", ", versions)
                                + ", which this version does not have. Opened, what that version stored would be"
                                + " misread.",
                        "Start the later version again, or, to go back to this one, restore the backup taken before"
                                + " the upgrade (README, \"Operating it\", Upgrade). Do not run Flyway's repair: it would"
                                + " hide the later version's changes, not undo them.",
                        failure);
            }
        }
        return null;
    }
}
