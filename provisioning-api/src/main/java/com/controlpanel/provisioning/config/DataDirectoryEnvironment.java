package com.controlpanel.provisioning.config;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the embedded H2 database at {@code provisioning.data-dir} (default {@code ./data}) unless a datasource URL
 * is configured. H2 writes commits to its file in the background ({@code WRITE_DELAY}, in milliseconds) and
 * {@link H2GroupCommit} makes every command wait until its commit is written, many commits to one write: a 2xx still
 * means the event is on disk, without one file write per request. Each
 * connection keeps its parsed statements ({@code QUERY_CACHE_SIZE}): a SCIM write runs about a dozen different
 * statements, and with H2's default of 8 every one of them was parsed again on every request. H2 keeps the pages it
 * read in a cache of 16 MB whatever the heap ({@code CACHE_SIZE}); the service gives it a sixteenth of the heap the
 * JVM may grow to ({@link #cacheSizeKb}): the event store of one Okta push of 20,000 users and its read models are
 * several times 16 MB, and every rebuild read them from the file again. A start that would land on H2 while its
 * settings meant PostgreSQL stops here instead ({@link #refuseWhenPostgresWasMeant}).
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {

    /** Where the embedded database is kept when {@code PROVISIONING_DATA_DIR} says nothing: beside the start. */
    static final String DEFAULT_DATA_DIR = "data";

    /** H2's page cache: never less than its own default, nor more than a read model's hot pages need. */
    private static final long MIN_CACHE_KB = 16 * 1024;

    private static final long MAX_CACHE_KB = 512 * 1024;

    /**
     * Set (to the file's path) when the embedded database's file was there, not empty, before H2 opened it: the
     * service stored in it, so a start that finds no schema in it finds a damaged file, not a first start.
     */
    static final String STORED_FILE = "provisioning.internal.stored-database-file";

    /**
     * Set (to the file's path) on a first start, when the embedded database's file is not there yet: H2 makes it with
     * the modes of the umask, and the start then makes it readable by this user only ({@link OwnerOnly}).
     */
    static final String NEW_FILE = "provisioning.internal.new-database-file";

    private static final String PROFILES = "SPRING_PROFILES_ACTIVE";
    private static final String POSTGRES = "postgres";
    private static final List<String> POSTGRES_SETTINGS =
            List.of("PROVISIONING_DB_URL", "PROVISIONING_DB_USER", "PROVISIONING_DB_PASSWORD");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path directory = Path.of(dataDir(environment)).toAbsolutePath().normalize();
        Path database = directory.resolve("provisioning");
        refuseWhenPostgresWasMeant(environment, directory);
        // said before H2 tries: it would print its own traces of the file it could not make first
        String problem = DatabaseStartFailure.pathProblem(directory);
        if (problem == null) {
            problem = notMade(directory);
        }
        if (problem != null) {
            throw new SettingRefused(
                    "PROVISIONING_DATA_DIR",
                    "the embedded H2 database can not be kept in " + directory + ": " + problem
                            + ". It must be a directory, or a path where one can be made, that this user may write");
        }
        Path file = directory.resolve("provisioning.mv.db");
        boolean stored = refuseEmptyDatabaseFile(file);
        String url =
                "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;QUERY_CACHE_SIZE=64;CACHE_SIZE="
                        + cacheSizeKb(Runtime.getRuntime().maxMemory());
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.datasource.url", url);
        settings.put("spring.datasource.username", "sa");
        settings.put("spring.datasource.password", "");
        // a database H2 shut down (its disk was full) keeps answering isValid(): a pooled connection is checked by a
        // query, and one of a closed database is dropped
        settings.put("spring.datasource.hikari.connection-test-query", "SELECT 1");
        settings.put(
                "spring.datasource.hikari.exception-override-class-name", H2ClosedDatabaseEviction.class.getName());
        if (stored) {
            settings.put(STORED_FILE, file.toString());
        } else if (!Files.exists(file)) {
            settings.put(NEW_FILE, file.toString());
        }
        environment.getPropertySources().addLast(new MapPropertySource("provisioningDataDirectory", settings));
    }

    /**
     * An empty database file is no database the service wrote (H2 writes its header as it makes one), yet H2 takes it
     * for a new one: the start would make a new first admin, organization and password in it, as if nothing had been
     * stored. No file at all is a first start. Says whether the file holds something: a database the service stored,
     * whose schema {@link SchemaUpgradeBackup} then expects to find.
     */
    private static boolean refuseEmptyDatabaseFile(Path file) {
        long size;
        try {
            size = Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return false; // H2's own open says what is wrong with it
        }
        if (size == 0) {
            throw new DamagedDatabaseFile(
                    file,
                    "is empty (0 bytes), which no database the service wrote is; opened, it would be taken for a new"
                            + " one, and nothing stored before would be seen");
        }
        return size > 0;
    }

    /**
     * H2's page cache in KB for a JVM whose heap may grow to {@code maxHeapBytes}: a sixteenth of it, never less than
     * H2's own 16 MB nor more than 512 MB (a JVM without a limit reports {@link Long#MAX_VALUE}).
     */
    static long cacheSizeKb(long maxHeapBytes) {
        return Math.max(MIN_CACHE_KB, Math.min(MAX_CACHE_KB, maxHeapBytes / 16 / 1024));
    }

    /**
     * Makes the directory now, as H2 would a moment later, readable by this user only ({@link OwnerOnly}): a path the
     * file system refuses whatever its modes say (under {@code /proc}, on a read-only mount) is said here too, not
     * after H2's traces of its trace file.
     */
    private static String notMade(Path directory) {
        try {
            OwnerOnly.directories(directory);
            return null;
        } catch (FileSystemException e) {
            return (e.getFile() == null ? directory.toString() : e.getFile()) + " could not be made"
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        } catch (IOException e) {
            return directory + " could not be made (" + e.getMessage() + ")";
        }
    }

    /**
     * {@code PROVISIONING_DATA_DIR}, or the default when it says nothing: unset or set empty ({@code
     * PROVISIONING_DATA_DIR=}) alike, as every other setting reads an empty value. (Read as a path, an empty one was
     * the working directory: the database went there while the start-up lines named {@code ./data}.)
     */
    static String dataDir(Environment environment) {
        String dataDir = environment.getProperty("provisioning.data-dir");
        return dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir;
    }

    /**
     * A deployment meant for PostgreSQL whose profile is misspelt ({@code postgress}) or missing (only
     * {@code PROVISIONING_DB_URL} set) would otherwise start on an empty H2 database in the working directory and
     * answer every request: Okta's pushes acknowledged into a file nobody backs up, the admins' data nowhere to be
     * seen. The start stops instead, naming the setting. A profile of the operator's own is accepted when a
     * configuration file of that name was read ({@code application-<profile>.yml} or {@code .properties}).
     */
    private static void refuseWhenPostgresWasMeant(ConfigurableEnvironment environment, Path dataDir) {
        for (String profile : environment.getActiveProfiles()) {
            if (!configuredProfile(environment, profile)) {
                throw new SettingRefused(
                        PROFILES,
                        "no configuration names the profile '" + profile + "'. This service knows '"
                                + POSTGRES + "' (PostgreSQL); without it, it would store everything in the embedded"
                                + " H2 database under " + dataDir + ". A profile of your own needs its"
                                + " application-" + profile + ".yml (or .properties) where the service reads its"
                                + " configuration.");
            }
        }
        for (String setting : POSTGRES_SETTINGS) {
            if (environment.containsProperty(setting)) {
                throw new SettingRefused(
                        PROFILES,
                        setting + " is set, but the '" + POSTGRES + "' profile is not active: the service would"
                                + " store everything in the embedded H2 database under " + dataDir + " instead."
                                + " Set " + PROFILES + "=" + POSTGRES + " to use PostgreSQL, or leave " + setting
                                + " unset to use H2.");
            }
        }
    }

    private static boolean configuredProfile(ConfigurableEnvironment environment, String profile) {
        if (POSTGRES.equals(profile)) {
            return true;
        }
        String file = "application-" + profile + ".";
        return environment.getPropertySources().stream()
                .anyMatch(source -> source.getName().contains(file));
    }
}
