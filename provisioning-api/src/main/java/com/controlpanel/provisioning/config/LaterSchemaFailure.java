package com.controlpanel.provisioning.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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
                Optional<BigDecimal> newest = newestKnown();
                boolean later = newest.isPresent()
                        && versions.stream()
                                .allMatch(version -> order(version)
                                        .map(order -> order.compareTo(newest.get()) > 0)
                                        .orElse(false));
                if (!later) {
                    return new FailureAnalysis(
                            "The database's schema history has migration" + (versions.size() == 1 ? " " : "s ")
                                    + String.join(", ", versions) + ", which this version does not have and which"
                                    + " no later version adds (it is older than this version's newest): the history"
                                    + " was changed by hand, or this is not the service's database.",
                            "Restore the database from a backup, or start the version that wrote it. Do not run"
                                    + " Flyway's repair.",
                            failure);
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

    private static final Pattern MIGRATION = Pattern.compile("V([0-9][0-9._]*)__.*\\.(sql|class)");

    /** The newest migration this version has (its SQL scripts and Java migrations under {@code db/migration}). */
    private static Optional<BigDecimal> newestKnown() {
        try {
            BigDecimal newest = null;
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*")) {
                Matcher name = MIGRATION.matcher(String.valueOf(resource.getFilename()));
                if (name.matches()) {
                    Optional<BigDecimal> order = order(name.group(1));
                    if (order.isPresent() && (newest == null || order.get().compareTo(newest) > 0)) {
                        newest = order.get();
                    }
                }
            }
            return Optional.ofNullable(newest);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A migration version as a number to compare ({@code 9}, {@code 5.5}; {@code 5_5} is {@code 5.5}). */
    private static Optional<BigDecimal> order(String version) {
        try {
            String[] parts = version.replace('_', '.').split("\\.");
            StringBuilder number = new StringBuilder(parts[0]);
            if (parts.length > 1) {
                number.append('.');
                for (int i = 1; i < parts.length; i++) {
                    // 5.10 after 5.9: each part after the first in three digits
                    number.append(String.format(Locale.ROOT, "%03d", Integer.parseInt(parts[i])));
                }
            }
            return Optional.of(new BigDecimal(number.toString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
