package com.controlpanel.provisioning.config;

import java.nio.file.Path;

/**
 * The embedded database's file is there but no database H2 can open as it was written: the start stops and says to
 * restore a backup. An empty file is taken by H2 for a new database, so the start would otherwise make a new first
 * admin and organization in it, and none of what was stored before would be seen.
 */
class DamagedDatabaseFile extends RuntimeException {

    private final Path file;

    private final String moreAdvice;

    DamagedDatabaseFile(Path file, String reason) {
        this(file, reason, "");
    }

    /** With {@code moreAdvice} said after the advice to restore a backup: a case it does not cover. */
    DamagedDatabaseFile(Path file, String reason, String moreAdvice) {
        super("The embedded H2 database in " + file.getParent() + " could not be opened: its file " + file + " "
                + reason);
        this.file = file;
        this.moreAdvice = moreAdvice;
    }

    Path file() {
        return file;
    }

    /** What to do about this file: {@link #advice(Path)}, and what this case adds to it. */
    String advice() {
        return moreAdvice.isEmpty() ? advice(file) : advice(file) + " " + moreAdvice;
    }

    /**
     * What to do about a damaged database file: put the newest backup in its place (README, "Operating it", Backup).
     */
    static String advice(Path file) {
        Path directory = file.getParent();
        return "The database file " + file + " is damaged. Stop the service, move that file away (keep it), restore"
                + " the newest backup into " + directory + " (README, \"Operating it\", Backup: unzip"
                + " provisioning-<instant>.zip -d " + directory + ") and start again; what was written after that"
                + " backup is not in it.";
    }
}
