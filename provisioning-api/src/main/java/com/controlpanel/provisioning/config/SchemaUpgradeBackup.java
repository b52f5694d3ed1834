package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
        if (backups.unavailable() == null) {
            backUpIfUpgrading(info);
        }
        flyway.migrate();
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

    private void backUpIfUpgrading(MigrationInfoService info) {
        MigrationInfo current = info.current();
        // versioned migrations only (a repeatable one has no version)
        List<MigrationInfo> pending = Arrays.stream(info.pending())
                .filter(migration -> migration.getVersion() != null)
                .toList();
        if (current == null || current.getVersion() == null || pending.isEmpty()) {
            return;
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
        } catch (BackupRefusedException e) {
            throw new SettingRefused(
                    "PROVISIONING_BACKUP_DIR",
                    "the backup taken before migrating the database's schema from version " + from + " to " + to
                            + " could not be written: " + e.getMessage() + ". Nothing was migrated: the earlier"
                            + " version still starts on this database");
        }
    }
}
