package com.controlpanel.provisioning.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;

/** What stands in the way of the backup directory, said where its backups are listed (the JSON API, Settings). */
public final class BackupDirectory {

    private BackupDirectory() {}

    /**
     * Why the backup directory can hold no backup because a file stands where it, or the nearest of its parents that
     * exists, should be a directory; null when none does (a directory not made yet simply lists no backups).
     */
    public static String fileInTheWay(Path directory) {
        Path existing = directory == null ? null : directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || Files.isDirectory(existing)) {
            return null;
        }
        return "The backup directory " + directory + " can hold no backups: " + existing
                + " is a file, not a directory. Set PROVISIONING_BACKUP_DIR to a directory, or move the file away";
    }
}
