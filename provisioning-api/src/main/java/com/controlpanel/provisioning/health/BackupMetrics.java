package com.controlpanel.provisioning.health;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code provisioning_backup_newest_timestamp_seconds}: when the newest backup in the backup directory was written
 * (seconds since the epoch, read when scraped; NaN while there is none), so that an alert fires when backups stop
 * coming. Not registered where this service takes no backup (PostgreSQL).
 */
@Component
public class BackupMetrics implements MeterBinder {

    private final DatabaseBackups backups;

    public BackupMetrics(DatabaseBackups backups) {
        this.backups = backups;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (backups.unavailable() != null) {
            return;
        }
        Gauge.builder("provisioning.backup.newest.timestamp", this, BackupMetrics::newest)
                .baseUnit("seconds")
                .description("When the newest backup in the backup directory was written, in seconds since the epoch")
                .register(registry);
    }

    private double newest() {
        List<DatabaseBackups.Kept> newest = backups.kept(1);
        return newest.isEmpty() ? Double.NaN : newest.get(0).writtenAt().toEpochMilli() / 1000.0;
    }
}
