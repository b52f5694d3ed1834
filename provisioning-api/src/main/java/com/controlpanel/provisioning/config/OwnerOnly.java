package com.controlpanel.provisioning.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories and files the service makes for what it stores (the embedded database's directory, backups), readable
 * by the user it runs as only: they hold every admin's password hash, the Secret Tokens' hashes and every member's
 * personal data, and with a usual umask (022) any user of the machine could read them. A directory that is there
 * already keeps the modes its operator gave it. Where the file system knows no POSIX modes, nothing changes.
 */
final class OwnerOnly {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Makes the directory and those above it that are missing, each {@code rwx------}. */
    static void directories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** The modes a new file is made with: {@code rw-------}. */
    static FileAttribute<?>[] file() {
        return POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** Gives a file another process made (H2's own {@code BACKUP TO}) the modes of {@link #file()}. */
    static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
