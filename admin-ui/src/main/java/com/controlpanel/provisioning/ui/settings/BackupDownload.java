package com.controlpanel.provisioning.ui.settings;

import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A backup's zip as a download, for Settings → Backups and the JSON API alike: an attachment under its own name, never
 * cached; Spring answers {@code Range} on it (206), so a cut download can be resumed.
 */
public final class BackupDownload {

    private BackupDownload() {}

    public static ResponseEntity<Resource> of(Path file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.getFileName().toString())
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(file));
    }
}
