package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups.Policy;
import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * {@code PROVISIONING_BACKUP_EVERY} and {@code PROVISIONING_BACKUP_KEEP}: when the embedded database is backed up
 * without being asked, and how many backups are kept. Unset, backups are taken only when asked for and none is deleted.
 * A value the service can not use stops the start, naming its variable.
 */
final class BackupPolicySettings {

    /** The shortest interval accepted: each backup copies the whole database file. */
    static final Duration SHORTEST = Duration.ofMinutes(1);

    /** The longest interval accepted: a backup's time plus it must stay a time an {@code Instant} holds. */
    static final Duration LONGEST = Duration.ofDays(365);

    private BackupPolicySettings() {}

    static Policy from(Environment environment) {
        String every = environment.getProperty("provisioning.backup-every", "");
        Duration interval = null;
        if (!every.isBlank()) {
            interval = H2CompactionSettings.setting(
                    environment,
                    "provisioning.backup-every",
                    every,
                    H2CompactionSettings::durationWithUnit,
                    "a duration with its unit (24h, 6h, 30m)");
            if (interval.compareTo(SHORTEST) < 0) {
                throw new SettingRefused(
                        H2CompactionSettings.variable("provisioning.backup-every"),
                        "must be at least 1m (unset: backups only when asked for)");
            }
            if (interval.compareTo(LONGEST) > 0) {
                throw new SettingRefused(
                        H2CompactionSettings.variable("provisioning.backup-every"),
                        "must be between 1m and 365d (unset: backups only when asked for)");
            }
        }
        String keep = environment.getProperty("provisioning.backup-keep", "");
        int kept = 0;
        if (!keep.isBlank()) {
            kept = H2CompactionSettings.setting(
                    environment,
                    "provisioning.backup-keep",
                    keep,
                    value -> Integer.parseInt(value.strip()),
                    "a number of backups (7, 30)");
            if (kept < 1) {
                throw new SettingRefused(
                        H2CompactionSettings.variable("provisioning.backup-keep"),
                        "must be at least 1 (unset: every backup is kept)");
            }
        }
        return new Policy(interval, kept);
    }
}
