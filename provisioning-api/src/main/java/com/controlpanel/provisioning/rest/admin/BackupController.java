package com.controlpanel.provisioning.rest.admin;

import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.rest.Params;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import com.controlpanel.provisioning.ui.settings.BackupDirectory;
import com.controlpanel.provisioning.ui.settings.BackupDownload;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/backup} (operator only): a backup of the embedded H2 database taken while the service runs,
 * written into the backup directory; answers once the file is whole and on disk. {@code GET} lists the backups in that
 * directory, newest first; {@code GET /{name}} downloads one (byte ranges too, to resume), {@code DELETE /{name}}
 * deletes one. On PostgreSQL: 409, naming {@code pg_dump}.
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

    /**
     * A backup file in the backup directory: when the file was last written, and when the backup began (to the second,
     * from its name: the order of the list).
     */
    public record KeptJson(String name, long bytes, Instant writtenAt, Instant takenAt) {}

    /** The backups in the backup directory, newest first ({@code limit}: 50 unless given, at most 1,000). */
    @GetMapping
    public List<KeptJson> list(@AuthenticationPrincipal AdminUser admin, @RequestParam(required = false) String limit) {
        requireOperator(admin);
        int most = Params.limit(limit, 1000);
        if (backup.unavailable() != null) {
            throw unavailable(backup.unavailable());
        }
        String inTheWay = BackupDirectory.fileInTheWay(backup.directory());
        if (inTheWay != null) {
            // not "no backups": a script checking its backups is told that none can be there
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed", inTheWay);
        }
        return backup.kept(most).stream()
                .map(kept -> new KeptJson(kept.name(), kept.bytes(), kept.writtenAt(), kept.takenAt()))
                .toList();
    }

    /** One backup's file, as a download ({@code Range} is answered, so that a cut download can be resumed). */
    @GetMapping("/{name}")
    public ResponseEntity<Resource> download(@AuthenticationPrincipal AdminUser admin, @PathVariable String name) {
        Path file = file(admin, name);
        return BackupDownload.of(file);
    }

    /** Deletes one backup: 204, or 404 {@code backup-not-found}. */
    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal AdminUser admin, @PathVariable String name) {
        file(admin, name);
        try {
            if (!backup.delete(name)) {
                throw notFound(name);
            }
        } catch (BackupRefusedException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed", e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    private Path file(AdminUser admin, String name) {
        requireOperator(admin);
        if (backup.unavailable() != null) {
            throw unavailable(backup.unavailable());
        }
        return backup.file(name).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return new ApiException(
                HttpStatus.NOT_FOUND,
                "backup-not-found",
                "No backup named " + name + " in the backup directory (GET /api/admin/backup lists them)");
    }

    @PostMapping
    public BackupJson take(@AuthenticationPrincipal AdminUser admin) {
        requireOperator(admin);
        try {
            DatabaseBackups.Taken taken = backup.take();
            return new BackupJson(
                    taken.file().toString(),
                    taken.bytes(),
                    taken.startedAt(),
                    taken.took().toMillis());
        } catch (BackupRefusedException e) {
            throw switch (e.refusal()) {
                case UNAVAILABLE -> unavailable(e.getMessage());
                case RUNNING -> new ApiException(HttpStatus.CONFLICT, "backup-running", e.getMessage(), 5);
                case NO_ROOM ->
                    new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", e.getMessage());
                case FAILED -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed", e.getMessage());
            };
        }
    }

    private static ApiException unavailable(String why) {
        return new ApiException(HttpStatus.CONFLICT, "backup-unavailable", why);
    }

    private static void requireOperator(AdminUser admin) {
        if (!admin.operator()) {
            throw ApiException.forbidden("Only the operator may back up the database and see its backups");
        }
    }
}
