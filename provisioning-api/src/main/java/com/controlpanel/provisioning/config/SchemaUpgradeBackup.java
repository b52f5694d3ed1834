package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * Before a new version migrates the embedded database's schema, a backup of it as the earlier version left it: the
 * way back should the new version not do (an earlier version refuses a database a later one migrated; see {@link
 * LaterSchemaFailure}). Taken only when the database holds a schema already and a migration is pending: not on a
 * first start, not on a start of the same version. Named {@code provisioning-<instant>-before-v<version>.zip}, it is
 * not deleted for {@code PROVISIONING_BACKUP_KEEP}. When it can not be written, nothing is migrated and the start
 * stops, saying why. On PostgreSQL nothing is taken (its operator backs it up before an upgrade, README "Upgrade").
 *
 * <p>While it migrates after such a backup, a file {@value #UPGRADE_MARKER} beside the database names the backup: H2
 * keeps each change of a schema as it is made, so a migration that fails or a process killed while it migrates leaves
 * part of the upgrade in the database, and a later start that finds the file (with a migration not done) stops with
 * the way back to that backup ({@link UnfinishedUpgrade}) instead of failing on what is there already, with another
 * backup of the half-migrated database named as the way back each time.
 */
class SchemaUpgradeBackup implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaUpgradeBackup.class);

    private final EmbeddedBackup backups;

    private final Path storedFile;

    /**
     * {@code storedFile}: the embedded database's file when it held something before H2 opened it (see {@link
     * DataDirectoryEnvironment#STORED_FILE}), else {@code null}.
     */
    SchemaUpgradeBackup(EmbeddedBackup backups, Path storedFile) {
        this.backups = backups;
        this.storedFile = storedFile;
    }

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        refuseStoredFileWithoutSchema(info);
        Path marker = storedFile == null ? null : storedFile.resolveSibling(UPGRADE_MARKER);
        if (marker != null && Files.exists(marker)) {
            refuseUnfinishedUpgrade(info, marker);
        }
        Upgrade upgrade = backups.unavailable() == null ? backUpIfUpgrading(info) : null;
        if (upgrade == null || marker == null) {
            flyway.migrate();
            return;
        }
        mark(marker, upgrade);
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            throw new UnfinishedUpgrade(
                    "Migrating the schema of the embedded H2 database in " + storedFile.getParent() + " from version "
                            + upgrade.from() + " to " + upgrade.to() + " failed" + now(flyway) + ": "
                            + firstLine(e) + ". H2 keeps each change of a schema as it is made: the database holds"
                            + " part of the upgrade, and can not be used as it is",
                    storedFile,
                    marker,
                    upgrade.backup().toString(),
                    e);
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            log.warn("Could not delete {} after the schema upgrade: delete it before the next start", marker, e);
        }
    }

    /** The file that says a schema upgrade began and has not ended, beside the database file. */
    static final String UPGRADE_MARKER = "provisioning.upgrading";

    /** An upgrade begun: from which schema version to which, and the backup of the database taken before it. */
    private record Upgrade(String from, String to, Path backup) {}

    private static void mark(Path marker, Upgrade upgrade) {
        Properties mark = new Properties();
        mark.setProperty("from", upgrade.from());
        mark.setProperty("to", upgrade.to());
        mark.setProperty("backup", upgrade.backup().toString());
        try (Writer out = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
            mark.store(out, "A schema upgrade began and has not ended (README, \"Upgrade\")");
        } catch (IOException e) {
            throw new SettingRefused(
                    "PROVISIONING_DATA_DIR",
                    "could not write " + marker + " before migrating the database's schema (" + e.getMessage()
                            + "). Nothing was migrated: the earlier version still starts on this database");
        }
    }

    /**
     * A schema upgrade began at an earlier start and did not end: the database holds part of it. An upgrade that
     * ended, whose mark was left (its deletion failed), is not one: nothing is pending, and the mark is deleted.
     */
    private void refuseUnfinishedUpgrade(MigrationInfoService info, Path marker) {
        if (pending(info).isEmpty()
                && Arrays.stream(info.all()).noneMatch(m -> m.getState().isFailed())) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                log.warn("Could not delete {}, left by a schema upgrade that ended", marker, e);
            }
            return;
        }
        Properties mark = new Properties();
        try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            mark.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // unreadable: the backups directory holds the backup, named "…-before-v<version>.zip"
        }
        String done = done(info);
        String at = done == null ? "" : " (it records version " + done + " as done)";
        throw new UnfinishedUpgrade(
                "A schema upgrade of the embedded H2 database in " + storedFile.getParent() + " from version "
                        + mark.getProperty("from", "?") + " to " + mark.getProperty("to", "?")
                        + " began at an earlier start and did not end" + at + ": the service stopped while it"
                        + " migrated, or a migration failed. H2 keeps each change of a schema as it is made: the"
                        + " database holds part of the upgrade, and can not be used as it is",
                storedFile,
                marker,
                mark.getProperty("backup", "the backup named provisioning-<instant>-before-v<version>.zip"),
                null);
    }

    /** The version the database records as done after a failed migration, for its message. */
    private static String now(Flyway flyway) {
        try {
            String done = done(flyway.info());
            return done == null ? "" : " after version " + done;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The newest version the database records as migrated successfully (a failed one is recorded too); null: none. */
    private static String done(MigrationInfoService info) {
        MigrationInfo newest = null;
        for (MigrationInfo migration : info.applied()) {
            if (migration.getVersion() != null
                    && migration.getState().isApplied()
                    && !migration.getState().isFailed()) {
                newest = migration;
            }
        }
        return newest == null ? null : newest.getVersion().getVersion();
    }

    /** The innermost cause's message, its first line, at most 300 characters. */
    private static String firstLine(Throwable failure) {
        Throwable innermost = DatabaseFailures.innermost(failure);
        String message = String.valueOf(innermost.getMessage()).strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        // H2 names its statement on the lines after: "Table "SENT_FORM" already exists; SQL statement:"
        line = line.replaceFirst(";? *SQL statement: *$", "");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static List<MigrationInfo> pending(MigrationInfoService info) {
        // versioned migrations only (a repeatable one has no version)
        return Arrays.stream(info.pending())
                .filter(migration -> migration.getVersion() != null)
                .toList();
    }

    /**
     * A file the service stored in, in which H2 finds no schema of the service, is damaged: H2 opens a file cut short
     * past its header (a copy stopped early, a disk that lost its last writes) as a new, empty database. Migrated, it
     * would be taken for a first start, with a new first admin, organization and password, and nothing stored before
     * seen. The start stops before anything is migrated.
     */
    private void refuseStoredFileWithoutSchema(MigrationInfoService info) {
        if (storedFile == null || info.current() != null) {
            return;
        }
        throw new DamagedDatabaseFile(
                storedFile,
                "holds no schema of this service: H2 opened it as a new, empty database, as it does a file cut short."
                        + " Started on it, the service would make a new first admin and organization, and nothing"
                        + " stored before would be seen",
                "If the service never finished a first start in " + storedFile.getParent() + ", nothing was stored:"
                        + " move the file away and start again.");
    }

    /** The backup before an upgrade, when one is pending on a database that holds a schema; null otherwise. */
    private Upgrade backUpIfUpgrading(MigrationInfoService info) {
        MigrationInfo current = info.current();
        List<MigrationInfo> pending = pending(info);
        if (current == null || current.getVersion() == null || pending.isEmpty()) {
            return null;
        }
        String from = current.getVersion().getVersion();
        String to = pending.get(pending.size() - 1).getVersion().getVersion();
        try {
            DatabaseBackups.Taken taken = backups.takeBeforeUpgrade(to);
            log.info(
                    "Backed up the embedded database before migrating its schema from version {} to {}: {} ({} ms)."
                            + " To go back to the earlier version of the service, restore it (README, \"Upgrade\")",
                    from,
                    to,
                    taken.file(),
                    taken.took().toMillis());
            return new Upgrade(from, to, taken.file());
        } catch (BackupRefusedException e) {
            throw new SettingRefused(
                    "PROVISIONING_BACKUP_DIR",
                    "the backup taken before migrating the database's schema from version " + from + " to " + to
                            + " could not be written: " + e.getMessage() + ". Nothing was migrated: the earlier"
                            + " version still starts on this database");
        }
    }
}
