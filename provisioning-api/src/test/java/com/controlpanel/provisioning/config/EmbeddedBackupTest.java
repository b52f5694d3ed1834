package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import com.controlpanel.provisioning.storage.DatabaseBackups.Policy;
import com.controlpanel.provisioning.storage.DatabaseBackups.Refusal;
import com.controlpanel.provisioning.testing.MovableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EmbeddedBackup} on an H2 file of its own: what a backup holds, how it is named, and when it refuses. */
class EmbeddedBackupTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:30:05.123456Z");

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("provisioning") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The H2 file opened (kept open while the connection is), with a table in it. */
    private Connection databaseWithATable() throws SQLException {
        Connection open = DriverManager.getConnection(url(), "sa", "");
        try (Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE event (id INT PRIMARY KEY)");
        }
        return open;
    }

    private EmbeddedBackup backup(Path databaseFile) {
        return backup(databaseFile, Clock.fixed(NOW, ZoneOffset.UTC), Policy.ASKED_ONLY);
    }

    private EmbeddedBackup backup(Path databaseFile, Clock clock, Policy policy) {
        return new EmbeddedBackup(
                url(), "sa", "", databaseFile, dir.resolve("backups"), "nothing to back up", clock, policy);
    }

    private static void writtenAgo(Path file, Duration ago) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(ago)));
    }

    /** The database file's size now (a backup's checkpoint may grow it). */
    private long databaseSize() {
        try {
            return Files.size(dir.resolve("provisioning.mv.db"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Stream<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void withKeepEachBackupDeletesTheOldestBeyondItAndNoOtherFile() throws Exception {
        try (Connection open = databaseWithATable()) {
            MovableClock clock = new MovableClock(NOW);
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"), clock, new Policy(null, 2));
            Path first = backup.take().file();
            writtenAgo(first, Duration.ofMinutes(3));
            Files.writeString(dir.resolve("backups").resolve("notes.txt"), "not a backup");
            Path copied = Files.writeString(dir.resolve("backups").resolve("provisioning-old.zip"), "copied here");
            writtenAgo(copied, Duration.ofDays(30));
            clock.advance(Duration.ofMinutes(1));
            Path second = backup.take().file();
            writtenAgo(second, Duration.ofMinutes(2));
            assertThat(names(dir.resolve("backups")))
                    .as("two kept: nothing deleted yet")
                    .contains(
                            first.getFileName().toString(), second.getFileName().toString());

            clock.advance(Duration.ofMinutes(1));
            Path third = backup.take().file();

            assertThat(names(dir.resolve("backups")))
                    .as("the oldest backup deleted; files this service did not name left alone")
                    .containsExactly(
                            "notes.txt",
                            "provisioning-2026-12-01T09-31-05Z.zip",
                            "provisioning-2026-12-01T09-32-05Z.zip",
                            "provisioning-old.zip");
            assertThat(List.of(second, third)).allMatch(Files::exists);
            assertThat(first).doesNotExist();
            assertThat(backup.policy().keep()).isEqualTo(2);
        }
    }

    @Test
    void aBackupIsFoundAndDeletedByItsListedNameOnly() throws Exception {
        try (Connection open = databaseWithATable()) {
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"));
            Path taken = backup.take().file();
            String name = taken.getFileName().toString();
            Files.writeString(dir.resolve("backups").resolve(name + ".partial"), "");

            assertThat(backup.file(name)).contains(taken);
            for (String other : List.of(
                    name + ".partial",
                    "../provisioning.mv.db",
                    "provisioning-2026-12-01T09-30-05Z.zip/..",
                    "provisioning-2020-01-01T00-00-00Z.zip",
                    "")) {
                assertThat(backup.file(other)).as(other).isEmpty();
                assertThat(backup.delete(other)).as(other).isFalse();
            }
            assertThat(dir.resolve("provisioning.mv.db")).exists();
            assertThat(backup.file(null)).isEmpty();
            assertThat(backup(null).file(name)).as("no H2 file: no backups").isEmpty();

            assertThat(backup.delete(name)).isTrue();
            assertThat(taken).doesNotExist();
            assertThat(backup.delete(name)).isFalse();
            assertThat(backup.kept(10)).isEmpty();
        }
    }

    @Test
    void scheduledBackupsAreTakenOnceTheNewestBeganLongEnoughAgoAndPausedAfterOneFails() throws Exception {
        try (Connection open = databaseWithATable()) {
            MovableClock clock = new MovableClock(NOW);
            EmbeddedBackup backup =
                    backup(dir.resolve("provisioning.mv.db"), clock, new Policy(Duration.ofHours(1), 0));
            ScheduledBackups scheduled =
                    new ScheduledBackups(backup, Duration.ofHours(1), clock, Duration.ZERO, Duration.ofSeconds(1));

            scheduled.tick();
            assertThat(backup.kept(10)).as("none yet: one at once").hasSize(1);
            assertThat(backup.kept(1).get(0).takenAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
            clock.advance(Duration.ofMinutes(59));
            scheduled.tick();
            assertThat(backup.kept(10)).as("the newest began 59 minutes ago").hasSize(1);
            // the files' own times do not count: an old backup copied in (written now) is not the newest
            Path copied = dir.resolve("backups").resolve("provisioning-2026-11-01T00-00-00Z.zip");
            Files.writeString(copied, "an old backup, copied back");
            clock.advance(Duration.ofMinutes(1));
            scheduled.tick();
            assertThat(backup.kept(10)).as("the newest began an hour ago").hasSize(3);
            assertThat(backup.kept(10).get(2).name())
                    .isEqualTo(copied.getFileName().toString());
            scheduled.tick();
            assertThat(backup.kept(10)).hasSize(3);

            // every backup deleted by hand, and the directory made unwritable: the try fails, and is paused
            for (DatabaseBackups.Kept kept : backup.kept(10)) {
                backup.delete(kept.name());
            }
            Files.delete(dir.resolve("backups"));
            Files.writeString(dir.resolve("backups"), "in the way");
            scheduled.tick();
            Files.delete(dir.resolve("backups"));
            clock.advance(ScheduledBackups.MOST_PAUSE.minusSeconds(1));
            scheduled.tick();
            assertThat(dir.resolve("backups")).as("paused after the failure").doesNotExist();
            clock.advance(Duration.ofSeconds(1));
            scheduled.tick();
            assertThat(backup.kept(10)).as("tried again after the pause").hasSize(1);
            scheduled.destroy();
        }
    }

    @Test
    void withKeepAFullDiskMakesRoomByDeletingWhatTheBackupWouldPushOutAndTheUpgradeBackupStays() throws Exception {
        try (Connection open = databaseWithATable()) {
            MovableClock clock = new MovableClock(NOW);
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"), clock, new Policy(null, 2));
            Path upgrade = backup.takeBeforeUpgrade("12").file();
            assertThat(upgrade.getFileName()).hasToString("provisioning-2026-12-01T09-30-05Z-before-v12.zip");
            clock.advance(Duration.ofMinutes(1));
            Path first = backup.take().file();
            clock.advance(Duration.ofMinutes(1));
            Path second = backup.take().file();
            clock.advance(Duration.ofMinutes(1));
            Path third = backup.take().file();
            assertThat(first).as("beyond the 2 kept").doesNotExist();
            assertThat(List.of(upgrade, second, third)).allMatch(Files::exists);

            // a disk with room for the kept backups alone: the oldest kept one goes first, then the backup is taken
            backup.withUsableSpace(directory -> {
                long now = databaseSize();
                return Files.exists(second) ? now - 1 : now;
            });
            clock.advance(Duration.ofMinutes(1));
            Path fourth = backup.take().file();
            assertThat(second).doesNotExist();
            assertThat(names(dir.resolve("backups")))
                    .containsExactly(
                            upgrade.getFileName().toString(),
                            third.getFileName().toString(),
                            fourth.getFileName().toString());
            assertThat(backup.kept(10).get(2).name())
                    .as("the upgrade's backup is listed by when it began")
                    .isEqualTo(upgrade.getFileName().toString());
            assertThat(backup.delete(upgrade.getFileName().toString()))
                    .as("and deleted by hand like any other")
                    .isTrue();
        }
    }

    @Test
    void namesOfAnotherShapeAreNotBackups() throws Exception {
        try (Connection open = DriverManager.getConnection(url(), "sa", "")) {
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"));
            Files.createDirectories(dir.resolve("backups"));
            for (String name : List.of(
                    "provisioning-1Z.zip",
                    "provisioning-2026-12-01T09:30:05Z.zip",
                    "provisioning-2026-13-01T09-30-05Z.zip",
                    "provisioning-2026-12-01T09-30-05Z-x.zip",
                    "provisioning-2026-12-01T09-30-05Z.zip.partial")) {
                Files.writeString(dir.resolve("backups").resolve(name), "not a backup of this service");
                assertThat(backup.file(name)).as(name).isEmpty();
                assertThat(backup.delete(name)).as(name).isFalse();
            }
            assertThat(backup.kept(10)).isEmpty();
        }
    }

    @Test
    void aBackupHoldsWhatWasCommittedAndBackupsOfOneSecondKeepNamesOfTheirOwn() throws Exception {
        try (Connection open = DriverManager.getConnection(url(), "sa", "");
                Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE event (id INT PRIMARY KEY, payload VARCHAR(100))");
            statement.execute("INSERT INTO event VALUES (1, 'first'), (2, 'second')");
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"));

            DatabaseBackups.Taken first = backup.take();
            statement.execute("INSERT INTO event VALUES (3, 'third')");
            DatabaseBackups.Taken second = backup.take();

            assertThat(first.file().getFileName()).hasToString("provisioning-2026-12-01T09-30-05Z.zip");
            assertThat(second.file().getFileName()).hasToString("provisioning-2026-12-01T09-30-05Z-2.zip");
            assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-12-01T09:30:05.123Z"));
            assertThat(first.bytes()).isEqualTo(Files.size(first.file())).isPositive();
            assertThat(backup.running()).isFalse();
            try (var files = Files.list(dir.resolve("backups"))) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder(
                                "provisioning-2026-12-01T09-30-05Z.zip", "provisioning-2026-12-01T09-30-05Z-2.zip");
            }
            Files.writeString(dir.resolve("backups").resolve("notes.txt"), "not a backup");
            Files.writeString(dir.resolve("backups").resolve("provisioning-2026-12-01T09-31-00Z.zip.partial"), "");
            Files.setLastModifiedTime(first.file(), java.nio.file.attribute.FileTime.from(NOW.minusSeconds(60)));
            assertThat(backup.kept(10))
                    .as("the backups alone, newest first")
                    .extracting(DatabaseBackups.Kept::name)
                    .containsExactly(
                            second.file().getFileName().toString(),
                            first.file().getFileName().toString());
            assertThat(backup.kept(1)).hasSize(1);
            assertThat(backup.kept(10).get(1).bytes()).isEqualTo(first.bytes());
            backup.take();
            assertThat(dir.resolve("backups").resolve("provisioning-2026-12-01T09-31-00Z.zip.partial"))
                    .as("what a backup cut short left is deleted by the next")
                    .doesNotExist();
            assertThat(dir.resolve("backups").resolve("notes.txt")).exists();
            assertThat(backup.kept(10)).hasSize(3);
            assertThat(payloads(first.file())).isEqualTo("first,second");
            assertThat(payloads(second.file())).isEqualTo("first,second,third");
        }
    }

    @Test
    void aBackupAskedWhileOneIsTakenIsRefusedAndTheFirstCompletes() throws Exception {
        try (Connection open = DriverManager.getConnection(url(), "sa", "");
                Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE event (id INT PRIMARY KEY, payload VARCHAR(100))");
            statement.execute("INSERT INTO event VALUES (1, 'first')");
            EmbeddedBackup backup = backup(dir.resolve("provisioning.mv.db"));
            FileStore<?> files = H2GroupCommit.store(open).getFileStore();
            // H2's file lock held, as a move of chunks holds it: the first backup waits for it (its checkpoint first)
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread mover = new Thread(() -> files.executeFileStoreOperation(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            mover.start();
            held.await();
            CompletableFuture<DatabaseBackups.Taken> first = CompletableFuture.supplyAsync(backup::take);
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    !backup.running() && System.nanoTime() < deadline; ) {
                Thread.sleep(5);
            }
            assertThat(backup.running())
                    .as("the first backup waits for the lock")
                    .isTrue();
            assertThat(first).isNotDone();

            assertThatThrownBy(backup::take)
                    .isInstanceOfSatisfying(
                            BackupRefusedException.class,
                            refused -> assertThat(refused.refusal()).isEqualTo(Refusal.RUNNING))
                    .hasMessageContaining("already being taken");

            release.countDown();
            mover.join();
            DatabaseBackups.Taken taken = first.get(30, TimeUnit.SECONDS);
            assertThat(payloads(taken.file())).isEqualTo("first");
            assertThat(backup.running()).isFalse();
            assertThat(files.isSpaceReused()).as("H2 reuses freed space again").isTrue();
        }
    }

    @Test
    void aDiskWithLessRoomThanTheDatabaseTakesIsRefusedAndNothingIsWritten() throws Exception {
        try (Connection open = databaseWithATable()) {
            long size = Files.size(dir.resolve("provisioning.mv.db"));
            EmbeddedBackup full = backup(dir.resolve("provisioning.mv.db")).withUsableSpace(directory -> size - 1);

            assertThatThrownBy(full::take)
                    .isInstanceOfSatisfying(
                            BackupRefusedException.class,
                            refused -> assertThat(refused.refusal()).isEqualTo(Refusal.NO_ROOM))
                    .hasMessageContaining("The backup directory " + dir.resolve("backups") + " has 0 MB free")
                    .hasMessageContaining("PROVISIONING_BACKUP_DIR");
            assertThat(names(dir.resolve("backups"))).isEmpty();
            assertThat(full.running()).isFalse();

            EmbeddedBackup roomy = backup(dir.resolve("provisioning.mv.db")).withUsableSpace(directory -> size);
            assertThat(roomy.take().file()).exists();
        }
    }

    @Test
    void withoutAnH2FileItRefusesWithItsReason() {
        assertThatThrownBy(() -> backup(null).take())
                .isInstanceOfSatisfying(
                        BackupRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.UNAVAILABLE))
                .hasMessage("nothing to back up");
        assertThat(backup(null).directory()).isNull();
        assertThat(backup(null).unavailable()).isEqualTo("nothing to back up");
        assertThat(backup(null).kept(10)).isEmpty();
        assertThat(backup(dir.resolve("provisioning.mv.db")).kept(10))
                .as("no backup directory yet")
                .isEmpty();
        assertThat(backup(dir.resolve("provisioning.mv.db")).unavailable()).isNull();
    }

    @Test
    void backupSettingsItCanNotUseStopTheStartNamingThem() {
        assertThat(refused("--provisioning.backup-every=daily"))
                .contains("PROVISIONING_BACKUP_EVERY: 'daily' is not a duration with its unit (24h, 6h, 30m)");
        // a bare number: milliseconds to Spring, so 24 meant as hours was refused as "at least 1m"
        assertThat(refused("--provisioning.backup-every=24"))
                .contains("PROVISIONING_BACKUP_EVERY: '24' is not a duration with its unit (24h, 6h, 30m)");
        assertThat(H2CompactionSettings.durationWithUnit(" PT24H "))
                .as("ISO-8601 is taken")
                .isEqualTo(Duration.ofHours(24));
        assertThat(H2CompactionSettings.durationWithUnit("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(refused("--provisioning.backup-every=30s"))
                .contains("PROVISIONING_BACKUP_EVERY: must be at least 1m");
        assertThat(refused("--provisioning.backup-keep=all"))
                .contains("PROVISIONING_BACKUP_KEEP: 'all' is not a number of backups (7, 30)");
        assertThat(refused("--provisioning.backup-keep=0")).contains("PROVISIONING_BACKUP_KEEP: must be at least 1");
    }

    private String refused(String setting) {
        return StartAttempts.reported(StartAttempts.start(dir, setting)).getDescription();
    }

    @Test
    void aReasonNamesWhatWentWrongWithoutTheExceptionsName() {
        assertThat(EmbeddedBackup.reason(new IOException(new java.nio.file.AccessDeniedException("/srv/backups"))))
                .isEqualTo("permission denied: /srv/backups");
        assertThat(EmbeddedBackup.reason(new java.nio.file.FileAlreadyExistsException("/srv/backups")))
                .isEqualTo("a file that is not a directory is in the way: /srv/backups");
        assertThat(EmbeddedBackup.reason(new SQLException("IO Exception: \"No space left on device\"")))
                .isEqualTo("IO Exception: \"No space left on device\"");
        assertThat(EmbeddedBackup.reason(new IOException())).isEqualTo("IOException");
    }

    /** The payloads of the database the zip holds, opened as a restore would open it. */
    private String payloads(Path zip) throws IOException, SQLException {
        Path restored = Files.createTempDirectory(dir, "restored");
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry = entries.getNextEntry();
            assertThat(entry.getName()).isEqualTo("provisioning.mv.db");
            Files.copy(entries, restored.resolve(entry.getName()));
            assertThat(entries.getNextEntry()).isNull();
        }
        try (Connection connection =
                        DriverManager.getConnection("jdbc:h2:file:" + restored.resolve("provisioning"), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT LISTAGG(payload, ',') WITHIN GROUP (ORDER BY id) FROM event")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
