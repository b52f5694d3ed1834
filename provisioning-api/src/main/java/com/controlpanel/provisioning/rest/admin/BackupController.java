package com.controlpanel.provisioning.rest.admin;

import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/backup} (operator only): a backup of the embedded H2 database taken while the service runs,
 * written into the backup directory; answers once the file is whole and on disk. On PostgreSQL: 409, naming
 * {@code pg_dump}.
 */
@RestController
@RequestMapping("/api/admin/backup")
public class BackupController {

    /** A backup taken: the file's absolute path, its size, when it began (what was acknowledged before is in it). */
    public record BackupJson(String file, long bytes, Instant startedAt, long millis) {}

    private final DatabaseBackups backup;

    public BackupController(DatabaseBackups backup) {
        this.backup = backup;
    }

    @PostMapping
    public BackupJson take(@AuthenticationPrincipal AdminUser admin) {
        if (!admin.operator()) {
            throw ApiException.forbidden("Only the operator may back up the database");
        }
        try {
            DatabaseBackups.Taken taken = backup.take();
            return new BackupJson(
                    taken.file().toString(),
                    taken.bytes(),
                    taken.startedAt(),
                    taken.took().toMillis());
        } catch (BackupRefusedException e) {
            throw switch (e.refusal()) {
                case UNAVAILABLE -> new ApiException(HttpStatus.CONFLICT, "backup-unavailable", e.getMessage());
                case RUNNING -> new ApiException(HttpStatus.CONFLICT, "backup-running", e.getMessage(), 5);
                case NO_ROOM ->
                    new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", e.getMessage());
                case FAILED -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed", e.getMessage());
            };
        }
    }
}
