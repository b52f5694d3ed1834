package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of the embedded H2 database taken while the service runs: a zip of the database file, made as H2's own
 * {@code BACKUP TO} makes it, transactionally consistent. While it copies, H2 writes every change at the end of the
 * file (it stops reusing freed space, and moves nothing), so the copy never sees a page overwritten; requests go on
 * being answered. Everything acknowledged before the backup began is in it (an acknowledged write is in the file
 * already), and some of what came while it ran. Restoring is putting the zip's {@code provisioning.mv.db} in an empty
 * data directory and starting the service on it.
 *
 * <p>The zip is written beside its final name with {@code .partial} appended, forced to the disk, then renamed: a file
 * named {@code provisioning-<instant>.zip} is always a whole backup; the next backup deletes a {@code .partial} one that
 * was cut short. One backup at a time per service. With {@code PROVISIONING_BACKUP_KEEP}, each backup written deletes
 * the older ones beyond that many newest (first, when the disk would not hold this one beside them), except those taken
 * before a schema migration; only files named as this service names its backups are ever deleted.
 */
public class EmbeddedBackup implements DatabaseBackups {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBackup.class);

    private static final long MB = 1024 * 1024;
    /**
     * The names this service gives its backups: the instant it began, {@code -2}, {@code -3}… for more in that second,
     * {@code -before-v<version>} for the one taken before a schema migration ({@code .partial} files are not backups
     * yet).
     */
    private static final String NAMED =
            "provisioning-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z)(?:-(\\d{1,9}))?(-before-v[0-9][0-9._]*)?\\.zip";

    private static final Pattern KEPT = Pattern.compile(NAMED);

    /** What a backup leaves until it is whole. */
    private static final Pattern UNFINISHED = Pattern.compile(NAMED + "\\.partial");

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final String url;
    private final String user;
    private final String password;
    /** The database file; null when the store is not an H2 file. */
    private final Path databaseFile;

    private final Path directory;
    private final String unavailable;
    private final Clock clock;
    private final Policy policy;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The room left on a directory's disk, in bytes. */
    private ToLongFunction<Path> usableSpace = EmbeddedBackup::usableSpace;

    /**
     * @param databaseFile the H2 database file ({@code provisioning.mv.db}); null when the store is not one
     * @param directory where backups are written (made if missing)
     * @param unavailable what to say when there is no H2 file to back up
     * @param policy when backups are taken unasked, and how many are kept
     */
    EmbeddedBackup(
            String url,
            String user,
            String password,
            Path databaseFile,
            Path directory,
            String unavailable,
            Clock clock,
            Policy policy) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.databaseFile = databaseFile;
        this.directory = directory;
        this.unavailable = unavailable;
        this.clock = clock;
        this.policy = policy;
    }

    /** The same, with the room on the backup directory's disk as given (a full disk, for a test). */
    EmbeddedBackup withUsableSpace(ToLongFunction<Path> usableSpace) {
        this.usableSpace = usableSpace;
        return this;
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public Optional<Path> file(String name) {
        if (databaseFile == null || name == null || !KEPT.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) && named(file) != null ? Optional.of(file) : Optional.empty();
    }

    @Override
    public boolean delete(String name) {
        Optional<Path> file = file(name);
        if (file.isEmpty()) {
            return false;
        }
        try {
            boolean deleted = Files.deleteIfExists(file.get());
            if (deleted) {
                log.info("Deleted the backup {}", file.get());
            }
            return deleted;
        } catch (IOException e) {
            log.warn("Could not delete the backup {}", file.get(), e);
            throw new BackupRefusedException(
                    Refusal.FAILED, "The backup " + name + " could not be deleted (" + reason(e) + ")");
        }
    }

    @Override
    public Path directory() {
        return databaseFile == null ? null : directory;
    }

    @Override
    public String unavailable() {
        return databaseFile == null ? unavailable : null;
    }

    /**
     * Why no backup could be written into the directory as things stand (it, or the nearest of its parents that
     * exists, is a file or can not be written); null when one could, or when there is no H2 file to back up.
     */
    String directoryProblem() {
        return databaseFile == null ? null : DatabaseStartFailure.pathProblem(directory);
    }

    /** Whether a backup is being taken now (the idle compaction waits for it). */
    @Override
    public boolean running() {
        return running.get();
    }

    @Override
    public List<Kept> kept(int limit) {
        return listed().stream().limit(limit).map(Named::kept).toList();
    }

    /** A backup file of this service's naming, as listed. */
    private record Named(Kept kept, int number, boolean beforeUpgrade) {}

    /** Newest first: by when each began (from its name), then by its number in that second. */
    private static final Comparator<Named> NEWEST_FIRST = Comparator.comparing(
                    (Named named) -> named.kept().takenAt())
            .thenComparingInt(Named::number)
            .reversed()
            .thenComparing(named -> named.kept().name());

    /** Every backup in the directory, newest first; none when it does not exist. */
    private List<Named> listed() {
        if (databaseFile == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(EmbeddedBackup::named)
                    .filter(Objects::nonNull)
                    .sorted(NEWEST_FIRST)
                    .toList();
        } catch (IOException e) {
            log.warn("Could not list the backups in {}", directory, e);
            return List.of();
        }
    }

    /** A file named as this service names its backups, as listed; null for another file, or one gone meanwhile. */
    private static Named named(Path file) {
        String name = file.getFileName().toString();
        Matcher matcher = KEPT.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        try {
            Instant takenAt = LocalDateTime.parse(matcher.group(1), NAME).toInstant(ZoneOffset.UTC);
            Kept kept = new Kept(
                    name, Files.size(file), Files.getLastModifiedTime(file).toInstant(), takenAt);
            return new Named(
                    kept, matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2)), matcher.group(3) != null);
        } catch (DateTimeParseException | IOException e) {
            return null;
        }
    }

    @Override
    public Taken take() {
        return take("");
    }

    /**
     * The backup taken before a schema migration to {@code version}: named {@code …-before-v<version>.zip}, and never
     * deleted for {@code PROVISIONING_BACKUP_KEEP} (it is the way back to the earlier version).
     */
    Taken takeBeforeUpgrade(String version) {
        return take("-before-v" + version);
    }

    private Taken take(String marker) {
        if (databaseFile == null) {
            throw new BackupRefusedException(Refusal.UNAVAILABLE, unavailable);
        }
        if (!running.compareAndSet(false, true)) {
            throw new BackupRefusedException(
                    Refusal.RUNNING, "A backup is already being taken: ask again once it has ended");
        }
        try {
            return copy(marker);
        } finally {
            running.set(false);
        }
    }

    private Taken copy(String marker) {
        Path partial = null;
        try {
            OwnerOnly.directories(directory);
            deleteUnfinished();
            long size = Files.size(databaseFile);
            long free = usableSpace.applyAsLong(directory);
            if (free < size && policy.keep() > 0) {
                // the backups this one would push out are deleted first: a disk with room for the kept ones alone
                // would otherwise refuse every backup from then on
                deleteBeyond(policy.keep() - 1, null);
                free = usableSpace.applyAsLong(directory);
            }
            if (free < size) {
                throw new BackupRefusedException(
                        Refusal.NO_ROOM,
                        "The backup directory " + directory + " has " + free / MB + " MB free; a backup may take up to"
                                + " the database file's " + size / MB + " MB: make room, or set PROVISIONING_BACKUP_DIR"
                                + " to a directory on another disk");
            }
            Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long started = System.nanoTime();
            Path target = unusedName(startedAt, marker);
            partial = partialOf(target);
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                write(connection, partial);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            Taken taken =
                    new Taken(target, Files.size(target), startedAt, Duration.ofNanos(System.nanoTime() - started));
            log.info(
                    "Backed up the embedded database {} ({} MB) to {} ({} MB) in {} ms",
                    databaseFile,
                    size / MB,
                    target,
                    taken.bytes() / MB,
                    taken.took().toMillis());
            if (policy.keep() > 0) {
                deleteBeyond(policy.keep(), target);
            }
            return taken;
        } catch (IOException | UncheckedIOException | SQLException e) {
            deleteQuietly(partial);
            String reason = reason(e);
            if (DatabaseFailures.innermost(e) instanceof FileSystemException) {
                // the file system said which file and why: that line says it all, its trace would bury it
                log.warn("Could not back up the embedded database {} into {}: {}", databaseFile, directory, reason);
                log.debug("The backup's failure", e);
            } else {
                log.warn("Could not back up the embedded database {} into {}", databaseFile, directory, e);
            }
            throw new BackupRefusedException(
                    Refusal.FAILED,
                    "The backup could not be written into " + directory + " (" + reason + "); nothing was kept");
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /**
     * H2's {@code BACKUP TO}, its zip stored rather than compressed: H2 keeps its pages compressed once the start has
     * compacted the file, and compressing them again at the default level took 71 s of one core for a 680 MB file
     * (23 s at the fastest level, for a third less); stored, 1.7 s (bench/README, "An online backup of the embedded
     * store"). The file is forced to the disk before it is closed.
     */
    private static void write(Connection connection, Path partial) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            // what was committed and is still only in memory (writes other than commands') into the file first
            statement.execute("CHECKPOINT");
        }
        MVStore store = H2GroupCommit.store(connection);
        if (store == null || store.getFileStore() == null) {
            // the database is another process's, reached through its server: only H2's own command can copy it
            try (Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
            }
            OwnerOnly.restrict(partial);
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(
                        partial,
                        java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        OwnerOnly.file());
                ZipOutputStream zip =
                        new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            FileStore<?> files = store.getFileStore();
            boolean reused = files.isSpaceReused();
            // as BACKUP TO does, with one step first: a move of chunks under way (H2's housekeeping, the idle
            // compaction) holds this lock; it ends before the copy begins, and none begins until the copy has ended
            files.executeFileStoreOperation(() -> files.setReuseSpace(false));
            try {
                files.backup(zip);
            } finally {
                files.setReuseSpace(reused);
            }
            zip.finish();
            zip.flush();
            channel.force(true);
        }
    }

    /** Makes the rename durable too (Linux: the directory's entry); where a directory can not be opened, nothing. */
    private static void forceDirectory(Path directory) {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException e) {
            log.debug("Could not force the directory {} to the disk ({})", directory, e.toString());
        }
    }

    /**
     * Deletes what a backup cut short left (the service stopped or killed while it copied): a {@code .partial} file is
     * never a whole backup, and only this service writes them, one at a time.
     */
    private void deleteUnfinished() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file ->
                            UNFINISHED.matcher(file.getFileName().toString()).matches())
                    .forEach(file -> {
                        log.info("Deleting {}, left by a backup that did not end", file);
                        deleteQuietly(file);
                    });
        }
    }

    /**
     * Deletes the backups older than the {@code kept} newest, except {@code written} and the ones taken before a schema
     * migration. A backup that can not be deleted stays, and is tried again after the next one.
     */
    private void deleteBeyond(int kept, Path written) {
        List<Named> all =
                listed().stream().filter(named -> !named.beforeUpgrade()).toList();
        for (Named old : all.subList(Math.min(kept, all.size()), all.size())) {
            Path file = directory.resolve(old.kept().name());
            if (file.equals(written)) {
                continue;
            }
            try {
                if (Files.deleteIfExists(file)) {
                    log.info("Deleted the backup {}: PROVISIONING_BACKUP_KEEP={}", file, policy.keep());
                }
            } catch (IOException e) {
                log.warn("Could not delete the old backup {}", file, e);
            }
        }
    }

    /**
     * {@code provisioning-<instant><marker>.zip}, with {@code -2}, {@code -3}… before the marker when one of that second
     * exists already.
     */
    private Path unusedName(Instant startedAt, String marker) {
        String stem = "provisioning-" + NAME.format(startedAt);
        Path candidate = directory.resolve(stem + marker + ".zip");
        for (int n = 2; Files.exists(candidate) || Files.exists(partialOf(candidate)); n++) {
            candidate = directory.resolve(stem + "-" + n + marker + ".zip");
        }
        return candidate;
    }

    private static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the unfinished backup {}", file, e);
        }
    }

    /** The innermost cause's message, said for an operator. */
    static String reason(Throwable e) {
        Throwable cause = DatabaseFailures.innermost(e);
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (cause instanceof FileAlreadyExistsException || cause instanceof NotDirectoryException) {
            return "a file that is not a directory is in the way: " + ((FileSystemException) cause).getFile();
        }
        if (cause instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason() + ": " + failed.getFile();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.strip();
    }
}
