package com.controlpanel.provisioning.config;

import java.nio.file.Path;

/**
 * The embedded database holds part of a schema upgrade: the service stopped while it migrated (killed, the machine
 * down), or a migration failed. H2 keeps each change of a schema as it is made, whatever the transaction around it, so
 * such a database is neither the earlier version's nor this one's, and a migration started again on it fails on what
 * is there already (a column added twice). The start stops and says how to go back to the backup taken just before
 * the upgrade, after which the upgrade runs afresh. (PostgreSQL undoes a migration it did not finish.)
 */
class UnfinishedUpgrade extends RuntimeException {

    private final String advice;

    UnfinishedUpgrade(String description, Path databaseFile, Path marker, String backup, Throwable cause) {
        super(description, cause);
        Path directory = databaseFile.getParent();
        this.advice = "Go back to the database as it was before the upgrade, then start again: the upgrade runs"
                + " afresh. Stop the service and run: mv " + databaseFile + " " + databaseFile + ".unfinished-upgrade"
                + " && unzip " + backup + " -d " + directory + " && chmod 600 " + databaseFile + " && rm " + marker
                + " (the backup was taken just before the upgrade began; the earlier version starts on it too). If"
                + " that backup was restored already and the earlier version has stored in it since, only delete "
                + marker + ": the upgrade then runs afresh on what that version stored (README, \"Upgrade\").";
    }

    String advice() {
        return advice;
    }
}
