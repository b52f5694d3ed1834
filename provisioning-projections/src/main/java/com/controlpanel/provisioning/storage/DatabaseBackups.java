package com.controlpanel.provisioning.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Backups of the database taken while the service runs, where the store allows one (the embedded H2 file); the JSON
 * API's {@code POST /api/admin/backup} and the Control Panel's Settings → Backups take them.
 */
public interface DatabaseBackups {

    /** A backup taken: its file, its size, when it began (what was acknowledged before is in it), how long it took. */
    record Taken(Path file, long bytes, Instant startedAt, Duration took) {}

    /**
     * A backup file in the backup directory: its name, size, when it was last written (the file's time), and when the
     * backup began (to the second, from its name: the order of backups, whatever happened to the files since).
     */
    record Kept(String name, long bytes, Instant writtenAt, Instant takenAt) {}

    /**
     * When backups are taken without being asked for, and how many are kept.
     *
     * @param every a backup once the newest in the directory is this old ({@code PROVISIONING_BACKUP_EVERY}); null:
     *     only when asked for
     * @param keep after each backup, the older ones beyond this many newest are deleted ({@code
     *     PROVISIONING_BACKUP_KEEP}); 0: none is deleted
     */
    record Policy(Duration every, int keep) {

        public static final Policy ASKED_ONLY = new Policy(null, 0);
    }

    /** Why a backup was not taken. */
    enum Refusal {
        /** The store is not an H2 file (PostgreSQL, or H2 in memory). */
        UNAVAILABLE,
        /** Another backup is being taken. */
        RUNNING,
        /** The backup directory's disk has less room than the database file takes. */
        NO_ROOM,
        /** The copy failed (the directory can not be written, the disk filled up, the database went away). */
        FAILED
    }

    /** A backup not taken, with what to tell the operator. No file is left behind. */
    class BackupRefusedException extends RuntimeException {

        private final Refusal refusal;

        public BackupRefusedException(Refusal refusal, String message) {
            super(message, null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Takes a backup into the backup directory, named after the instant it began; answers once the file is whole and on
     * disk.
     *
     * @throws BackupRefusedException when no backup was taken, and why
     */
    Taken take();

    /** Whether a backup is being taken now. */
    boolean running();

    /** Where backups go; null when this store is backed up otherwise ({@link #unavailable()} says how). */
    Path directory();

    /** Why this service takes no backup, and what backs its store up instead; null when it takes them. */
    String unavailable();

    /**
     * The backups in the backup directory, newest first (by when each began, as its name says), at most {@code limit};
     * none when it does not exist.
     */
    List<Kept> kept(int limit);

    /**
     * The file of a backup in the backup directory, by its name as {@link #kept} lists it; empty for any other name
     * (an unfinished backup, a file this service did not write, a path).
     */
    Optional<Path> file(String name);

    /** Deletes a backup in the backup directory, by its name as {@link #kept} lists it; false when there is none. */
    boolean delete(String name);

    /** When backups are taken without being asked for, and how many are kept. */
    Policy policy();
}
