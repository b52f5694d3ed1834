package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
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

    SchemaUpgradeBackup(EmbeddedBackup backups) {
        this.backups = backups;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (backups.unavailable() == null) {
            backUpIfUpgrading(flyway.info());
        }
        flyway.migrate();
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
