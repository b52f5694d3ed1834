package com.controlpanel.provisioning.config;

import java.io.EOFException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A start that fails because the database can not be opened is reported in a few lines naming the store and the
 * {@code PROVISIONING_*} settings to check, instead of a wall of nested bean-creation failures: a PostgreSQL server out
 * of reach, a wrong password, a URL that is no JDBC URL, or a data directory H2 can not write. A database file H2 finds
 * damaged is said to be so, with the advice to restore a backup ({@link DamagedDatabaseFile#advice}).
 */
class DatabaseStartFailure implements FailureAnalyzer {

    private static final Pattern NOT_JDBC = Pattern.compile("(?i).*(must start with \"jdbc\"|no suitable driver).*");

    private final Environment environment;

    DatabaseStartFailure(Environment environment) {
        this.environment = environment;
    }

    /**
     * Whether the database itself could not be opened (not a statement failing in it, such as a migration, which is
     * left to the framework's report with its cause): SQL states of class 08 (connection), 28 (authorization), 3D (no
     * such database), PostgreSQL's "cannot connect now"; H2's errors of files, locks and versions.
     */
    private static boolean notOpened(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        return state.startsWith("08")
                || state.startsWith("28")
                || state.startsWith("3D")
                || state.equals("57P03")
                || H2_NOT_OPENED.contains(failure.getErrorCode());
    }

    /**
     * H2's: database not found (90013, 90146), already open (90020), file corrupted (90030), I/O (90028, 90031),
     * a file or directory it can not create (90062), its trace file not writable (90034), file version or encryption
     * (90048, 90049), read only (90097), closed (90098).
     */
    private static final Set<Integer> H2_NOT_OPENED =
            Set.of(90013, 90146, 90020, 90030, 90028, 90031, 90062, 90034, 90048, 90049, 90097, 90098);

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException database = null;
        String notJdbc = null;
        String deepest = null;
        boolean cutShort = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // the innermost: "Error while creating file" rather than the trace file's failure that wraps it
            if (cause instanceof SQLException sql && notOpened(sql)) {
                database = sql;
            }
            if (cause.getMessage() != null
                    && NOT_JDBC.matcher(cause.getMessage()).matches()) {
                notJdbc = cause.getMessage();
            }
            if (cause.getMessage() != null) {
                deepest = cause.getMessage();
            }
            cutShort |= cause instanceof EOFException;
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (database == null && notJdbc == null) {
            return null;
        }
        // a password written into the URL is not printed
        String url = PrintableUrls.withoutPassword(environment.getProperty("spring.datasource.url", ""));
        boolean h2 = url.startsWith("jdbc:h2:");
        String reason = (notJdbc != null ? notJdbc : database.getMessage() != null ? database.getMessage() : deepest)
                .lines()
                .findFirst()
                .orElse("")
                .strip();
        if (h2) {
            String dataDir = Path.of(DataDirectoryEnvironment.dataDir(environment))
                    .toAbsolutePath()
                    .normalize()
                    .toString();
            String why = pathProblem(Path.of(dataDir));
            if (why == null && database != null && damaged(database, cutShort)) {
                Path file = H2StartCompaction.file(url).orElse(Path.of(dataDir, "provisioning.mv.db"));
                return new FailureAnalysis(
                        "The embedded H2 database in " + dataDir + " could not be opened: its file " + file
                                + " is damaged (" + reason + ")",
                        DamagedDatabaseFile.advice(file),
                        failure);
            }
            return new FailureAnalysis(
                    "The embedded H2 database in " + dataDir + " could not be opened: "
                            + (why == null ? reason : why + " (" + reason + ")"),
                    "Check PROVISIONING_DATA_DIR (now " + dataDir + "): it must be a directory, or a path where one"
                            + " can be made, that this user may write; and no other running copy of the service may"
                            + " use it.",
                    failure);
        }
        return new FailureAnalysis(
                "The database at " + (url.isEmpty() ? "(no URL)" : url) + " could not be opened as user "
                        + userOf(url).orElse(environment.getProperty("spring.datasource.username", "(none)")) + ": "
                        + reason,
                "Check PROVISIONING_DB_URL (a JDBC URL such as jdbc:postgresql://db.example.com:5432/provisioning),"
                        + " PROVISIONING_DB_USER and PROVISIONING_DB_PASSWORD, and that the PostgreSQL server runs and"
                        + " takes connections from this machine.",
                failure);
    }

    /**
     * Whether H2 could not open the database because its file is damaged: corrupted (90030), or cut short before the
     * end of its header (an I/O failure of reading past the end); neither is the directory's or another copy's fault.
     */
    private static boolean damaged(SQLException failure, boolean cutShort) {
        return failure.getErrorCode() == 90030 || (failure.getErrorCode() == 90028 && cutShort);
    }

    /** The {@code user} a URL names in its parameters: the PostgreSQL driver takes it over {@code PROVISIONING_DB_USER}. */
    static Optional<String> userOf(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            if (parameter.startsWith("user=") && parameter.length() > "user=".length()) {
                return Optional.of(URLDecoder.decode(parameter.substring("user=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a directory the service must write into (the data directory, the backup directory), if the
     * file system tells: a file where a directory must be (the directory itself, or one of its parents), or a directory
     * or database file this user may not write. H2's own message names
     * only the file it failed on.
     */
    static String pathProblem(Path dataDir) {
        return pathProblem(dataDir, Files::isWritable);
    }

    /** As {@link #pathProblem(Path)}, with what this user may write as given (root may write whatever the modes say). */
    static String pathProblem(Path dataDir, Predicate<Path> writable) {
        String user = System.getProperty("user.name");
        Path existing = dataDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is a file, not a directory";
        }
        if (!writable.test(existing)) {
            return "this user (" + user + ") may not write " + existing;
        }
        for (String file : new String[] {"provisioning.mv.db", "provisioning.trace.db"}) {
            Path database = dataDir.resolve(file);
            if (existing.equals(dataDir) && Files.exists(database) && !writable.test(database)) {
                return "this user (" + user + ") may not write " + database;
            }
        }
        return null;
    }
}
