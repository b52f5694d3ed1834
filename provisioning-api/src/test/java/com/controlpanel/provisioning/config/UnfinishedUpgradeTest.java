package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A schema upgrade of the embedded database that does not end (a migration fails, or the service is stopped while it
 * migrates) leaves a database holding part of it: H2 keeps each change of a schema as it is made. Started again on it,
 * the upgrade failed on what was there already (a column added twice) with the framework's trace, at every start, and
 * took a backup of the half-migrated database each time, named as the way back. Now the start stops in a few lines
 * naming the one backup taken before the upgrade began, and takes no other.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnfinishedUpgradeTest {

    /** A version some migrations before this version's newest. */
    private static final String EARLIER_VERSION = "11";

    @TempDir
    Path data;

    @Test
    void anUpgradeThatDidNotEndStopsEveryStartNamingTheBackupTakenBeforeItAndTakesNoOther(CapturedOutput output)
            throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("provisioning");
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target(EARLIER_VERSION)
                .load()
                .migrate();
        // part of the newest migration made already, as a start stopped while migrating leaves it: that migration
        // fails when it is run
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sent_form (admin_id VARCHAR(36))");
        }

        Throwable failed = StartAttempts.start(data);
        UnfinishedUpgrade first = unfinished(failed);
        Path backup = onlyBackup();
        Path marker = data.resolve("provisioning.upgrading");
        assertThat(first.getMessage())
                .startsWith("Migrating the schema of the embedded H2 database in " + data + " from version "
                        + EARLIER_VERSION + " to ")
                .contains(" failed after version ")
                .contains("SENT_FORM")
                .contains("the database holds part of the upgrade");
        assertThat(first.advice())
                .contains("mv " + data.resolve("provisioning.mv.db") + " " + data.resolve("provisioning.mv.db")
                        + ".unfinished-upgrade")
                .contains("unzip " + backup + " -d " + data)
                .contains("rm " + marker);
        assertThat(marker).exists();
        int partly = schemaVersion(url);
        assertThat(partly).isGreaterThan(Integer.parseInt(EARLIER_VERSION));

        // every later start: refused the same way, before anything is migrated or backed up again
        UnfinishedUpgrade again = unfinished(StartAttempts.start(data));
        assertThat(again.getMessage())
                .contains("from version " + EARLIER_VERSION + " to ")
                .contains("began at an earlier start and did not end (it records version " + partly + " as done)");
        assertThat(again.advice()).contains("unzip " + backup + " -d " + data);
        assertThat(onlyBackup()).isEqualTo(backup);
        assertThat(schemaVersion(url)).isEqualTo(partly);
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("began at an earlier start and did not end")
                .doesNotContain("Application run failed")
                .doesNotContain("appears to have started a thread");

        // the way back the advice gives: the database as before the upgrade, the mark deleted; the upgrade then runs
        // afresh (the backup holds the part made before it: taken out here, as it would not be there)
        Files.move(data.resolve("provisioning.mv.db"), data.resolve("provisioning.mv.db.unfinished-upgrade"));
        Zips.unzip(backup, data);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE sent_form");
        }
        Files.delete(marker);
        assertThat(StartAttempts.start(data)).as("a start after the way back").isNull();
        assertThat(marker).doesNotExist();
        assertThat(schemaVersion(url)).isGreaterThan(partly);
    }

    @Test
    void aMarkLeftByAnUpgradeThatEndedIsDeleted() throws IOException {
        assertThat(StartAttempts.start(data)).isNull();
        Path marker = Files.writeString(data.resolve("provisioning.upgrading"), "from=11\nto=23\n");
        assertThat(StartAttempts.start(data)).isNull();
        assertThat(marker).doesNotExist();
    }

    private static UnfinishedUpgrade unfinished(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof UnfinishedUpgrade)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an unfinished upgrade: " + failure).isInstanceOf(UnfinishedUpgrade.class);
        assertThat(new UnfinishedUpgradeFailure().analyze(failure)).isNotNull();
        return (UnfinishedUpgrade) cause;
    }

    private Path onlyBackup() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("backups"))) {
            List<Path> backups = files.toList();
            assertThat(backups).hasSize(1);
            assertThat(backups.get(0).getFileName().toString()).matches("provisioning-[0-9T-]+Z-before-v[0-9]+\\.zip");
            return backups.get(0);
        }
    }

    private static int schemaVersion(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet newest = statement.executeQuery(
                        "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            newest.next();
            return newest.getInt(1);
        }
    }
}
