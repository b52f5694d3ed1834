package com.controlpanel.provisioning.config;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A start that fails because the database can not be opened is reported in a few lines naming the store and the
 * {@code PROVISIONING_*} settings to check, instead of a wall of nested bean-creation failures: a PostgreSQL server out
 * of reach, a wrong password, a URL that is no JDBC URL, or a data directory H2 can not write.
 */
class DatabaseStartFailure implements FailureAnalyzer {

    private static final Pattern NOT_JDBC = Pattern.compile("(?i).*(must start with \"jdbc\"|no suitable driver).*");

    private final Environment environment;

    DatabaseStartFailure(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException database = null;
        String notJdbc = null;
        String deepest = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && database == null) {
                database = sql;
            }
            if (cause.getMessage() != null
                    && NOT_JDBC.matcher(cause.getMessage()).matches()) {
                notJdbc = cause.getMessage();
            }
            if (cause.getMessage() != null) {
                deepest = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (database == null && notJdbc == null) {
            return null;
        }
        // a password written into the URL is not printed
        String url = environment.getProperty("spring.datasource.url", "").replaceAll("(?i)(password=)[^&;]*", "$1***");
        boolean h2 = url.startsWith("jdbc:h2:");
        String reason = (notJdbc != null ? notJdbc : database.getMessage() != null ? database.getMessage() : deepest)
                .lines()
                .findFirst()
                .orElse("")
                .strip();
        if (h2) {
            String dataDir = Path.of(environment.getProperty("provisioning.data-dir", "data"))
                    .toAbsolutePath()
                    .normalize()
                    .toString();
            return new FailureAnalysis(
                    "The embedded H2 database in " + dataDir + " could not be opened: " + reason,
                    "Check PROVISIONING_DATA_DIR (now " + dataDir + "): it must be a directory, or a path where one"
                            + " can be made, that this user may write; and no other running copy of the service may"
                            + " use it.",
                    failure);
        }
        return new FailureAnalysis(
                "The database at " + (url.isEmpty() ? "(no URL)" : url) + " could not be opened as user "
                        + environment.getProperty("spring.datasource.username", "(none)") + ": " + reason,
                "Check PROVISIONING_DB_URL (a JDBC URL such as jdbc:postgresql://db.example.com:5432/provisioning),"
                        + " PROVISIONING_DB_USER and PROVISIONING_DB_PASSWORD, and that the PostgreSQL server runs and"
                        + " takes connections from this machine.",
                failure);
    }
}
