package com.controlpanel.provisioning.config;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Gives back, at start and before anything opens it, the disk space the embedded H2 database's file holds for nothing.
 *
 * <p>H2 writes each commit into new space of its file and frees what it replaced; under a long run of writes (an
 * Okta push of 100,000 Users) its file grows many times what it holds (7.6 GB for 0.3 GB), and it does not shrink
 * while the service runs, nor by itself after. When the file is larger than {@code provisioning.h2.compact-above} and
 * H2 counts at most two thirds of it in use, the start runs H2's full compaction ({@code SHUTDOWN COMPACT}). A stop or
 * a failure halfway leaves the data whole, though not always the file as it was: the service killed during it was seen
 * to leave a smaller file that held every write (and an empty {@code .tempFile} beside it), which the next start
 * compacted again. Its time grows with what the file holds, not with its size: 3.4 s for a 4.2 GB file 5 % in use,
 * 17 s for a 3.2 GB file 52 % in use. A file mostly in use is left alone: compacting it would cost that time at every
 * start for little space.
 *
 * <p>Nothing here stops the start: a file that can not be read or compacted, or a disk without the room for the copy,
 * is said in the log and the start goes on with the file as it was (H2's own open then reports a file it can not use).
 */
final class H2StartCompaction implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(H2StartCompaction.class);

    /** Compacted when H2 counts at most this share of the file in use (its copy also compresses the pages). */
    static final int MOST_IN_USE_PERCENT = 66;

    private static final long MB = 1024 * 1024;
    /** Room kept free beyond the copy: the disk is also the service's. */
    private static final long SPARE_BYTES = 64 * MB;

    private final boolean enabled;
    private final long above;
    private boolean checked;

    H2StartCompaction(Environment environment) {
        H2CompactionSettings settings = H2CompactionSettings.from(environment);
        this.enabled = settings.atStart();
        this.above = settings.above();
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // the pool opens its first connection later, when the schema's migration asks for it
        if (enabled && !checked && bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            checked = true;
            compactIfWasteful(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), above);
        }
        return bean;
    }

    /** What a compaction did: the file, its size before and after, how long it took. */
    record Compacted(Path file, long before, long after, Duration took) {}

    /**
     * Compacts the H2 file database of this URL if its file is larger than {@code above} bytes and mostly not in use.
     * Returns what it did; empty when it left the file alone (not a file database, small, mostly in use, or it could
     * not), which the log says when it is not the usual case.
     */
    static Optional<Compacted> compactIfWasteful(String url, String user, String password, long above) {
        Optional<Path> file = file(url);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        long before;
        try {
            if (!Files.isRegularFile(file.get())) {
                return Optional.empty();
            }
            before = Files.size(file.get());
        } catch (IOException e) {
            log.warn("Could not read the size of the embedded database's file {}: not compacted", file.get(), e);
            return Optional.empty();
        }
        if (before <= above) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            MVStore store = H2GroupCommit.store(connection);
            if (store == null || store.getFileStore() == null) {
                return Optional.empty();
            }
            int inUsePercent = inUsePercent(store.getFileStore());
            long inUse = before / 100 * inUsePercent;
            if (!worthCompacting(before, above, inUsePercent)) {
                log.info(
                        "The embedded database's file {} ({} MB) is {} % in use: not compacted",
                        file.get(), before / MB, inUsePercent);
                return Optional.empty();
            }
            long free = Files.getFileStore(file.get().getParent()).getUsableSpace();
            if (free < inUse + SPARE_BYTES) {
                log.warn(
                        "The embedded database's file {} ({} MB) is {} % in use, but its disk has {} MB free, less"
                                + " than a compacted copy may need ({} MB and {} MB to spare): not compacted. Free"
                                + " some space and start again to give the rest back",
                        file.get(), before / MB, inUsePercent, free / MB, inUse / MB, SPARE_BYTES / MB);
                return Optional.empty();
            }
            log.info(
                    "The embedded database's file {} ({} MB) is {} % in use: compacting it before the start (H2's"
                            + " full compaction, whose time grows with the data the file holds;"
                            + " PROVISIONING_H2_COMPACT_AT_START=false skips it)",
                    file.get(), before / MB, inUsePercent);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn(
                    "Could not compact the embedded database's file {}: the start goes on with it as it was ({})",
                    file.get(),
                    e.getMessage());
            return Optional.empty();
        }
        Compacted compacted;
        try {
            compacted = new Compacted(
                    file.get(), before, Files.size(file.get()), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            log.warn("Compacted the embedded database's file {}, but could not read its size", file.get(), e);
            return Optional.empty();
        }
        log.info(
                "Compacted the embedded database's file {}: {} MB to {} MB in {} s",
                file.get(),
                compacted.before() / MB,
                compacted.after() / MB,
                String.format(Locale.ROOT, "%.1f", compacted.took().toMillis() / 1000.0));
        return Optional.of(compacted);
    }

    /** The file of an H2 file database's URL ({@code jdbc:h2:file:<path>[;settings]}). */
    static Optional<Path> file(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return Optional.empty();
        }
        String path = url.substring(prefix.length());
        int settings = path.indexOf(';');
        if (settings >= 0) {
            path = path.substring(0, settings);
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path.isEmpty()
                ? Optional.empty()
                : Optional.of(Path.of(path + ".mv.db").toAbsolutePath().normalize());
    }

    /**
     * The share of the file H2 counts in use: the share its chunks take ({@code info.FILL_RATE}) times the share of
     * their pages that are live ({@code info.CHUNKS_FILL_RATE}).
     */
    static int inUsePercent(FileStore<?> store) {
        return store.getFillRate() * store.getChunksFillRate() / 100;
    }

    /** Whether a file of this size, this much in use, is worth compacting: larger than {@code above}, mostly unused. */
    static boolean worthCompacting(long size, long above, int inUsePercent) {
        return size > above && inUsePercent <= MOST_IN_USE_PERCENT;
    }
}
